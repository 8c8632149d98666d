#include "dates/dates_stage.h"

#include <fmt/format.h>

#include "analyze/date.h"
#include "analyze/table_writer.h"
#include "dates/date_extractor.h"

namespace analyze {

namespace {

constexpr std::size_t kTableRows = 12;

// The article's date and where it came from. A record's "date" that is no ISO 8601 day is reported
// as a `bad-date` warning and the next source is used.
std::pair<std::optional<CalendarDate>, AnchorSource> article_anchor(Document& doc,
                                                                   const std::optional<CalendarDate>& option) {
  if (doc.meta.is_object() && doc.meta.contains("date")) {
    const Json& stated = doc.meta["date"];
    if (stated.is_string())
      if (auto date = parse_iso_date(stated.get<std::string>())) return {date, AnchorSource::kMetadata};
    doc.warnings.push_back({"bad-date", fmt::format("the record's \"date\" ({}) is no YYYY-MM-DD day; ignored",
                                                    stated.dump())});
  }
  if (!doc.date.empty())
    if (auto published = parse_iso_date(doc.date)) return {published, AnchorSource::kPage};
  if (option) return {option, AnchorSource::kOption};
  if (auto stated = first_stated_date(doc)) return {stated, AnchorSource::kText};
  return {std::nullopt, AnchorSource::kNone};
}

class DatesStage final : public Stage {
 public:
  explicit DatesStage(std::optional<CalendarDate> article_date) : article_date_(article_date) {}

  Status run(Document& doc) const override {
    DateLayer layer;
    std::tie(layer.anchor, layer.anchor_source) = article_anchor(doc, article_date_);
    if (english_or_warn(doc, "dates")) layer.dates = extract_dates(doc, layer.anchor);
    doc.set_layer(std::move(layer));
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const auto* layer = doc.layer<DateLayer>();
    if (!layer) return;
    out.key("date").begin_object();
    if (layer->anchor) out.field("value", iso_date(*layer->anchor));
    else out.field("value", Json());
    out.field("source", anchor_source_name(layer->anchor_source)).end_object();
    out.key("dates").begin_array();
    for (const TimeExpression& t : layer->dates)
      out.begin_object()
          .field("start", doc.code_point(t.begin))
          .field("end", doc.code_point(t.end))
          .field("text", doc.slice(t.begin, t.end))
          .field("type", timex_type_name(t.type))
          .field("value", t.value)
          .end_object();
    out.end_array();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const auto* layer = doc.layer<DateLayer>();
    if (!layer) return;
    table.heading("When");
    table.field("date", layer->anchor ? fmt::format("{} ({})", iso_date(*layer->anchor),
                                                              anchor_source_name(layer->anchor_source))
                                                : std::string("unknown"));
    if (layer->dates.empty()) return;
    std::vector<std::vector<std::string>> rows;
    for (const TimeExpression& t : layer->dates) {
      if (rows.size() == kTableRows) break;
      rows.push_back({std::string(doc.slice(t.begin, t.end)), std::string(timex_type_name(t.type)), t.value});
    }
    table.table({"as written", "type", "value"}, rows);
    if (layer->dates.size() > kTableRows)
      table.line(fmt::format("  … and {} more (--format json lists them all)", layer->dates.size() - kTableRows));
  }

 private:
  std::optional<CalendarDate> article_date_;
};

}  // namespace

const StageSpec& dates_stage_spec() {
  static const StageSpec spec{
      "dates",
      "time expressions (TIMEX3 DATE, TIME, DURATION, SET) with values resolved against the article's date",
      {"sentences", "tokens"},
      {"boilerplate", "language"},
      {"dates"},
      [](const StageOptions& options) -> Result<std::unique_ptr<Stage>> {
        return std::unique_ptr<Stage>(new DatesStage(options.article_date));
      },
  };
  return spec;
}

}  // namespace analyze
