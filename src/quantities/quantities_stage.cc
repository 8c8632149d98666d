#include "quantities/quantities_stage.h"

#include <cmath>
#include <fmt/format.h>

#include "analyze/quantity.h"
#include "analyze/table_writer.h"
#include "quantities/quantity_extractor.h"

namespace analyze {

namespace {

constexpr std::size_t kTableRows = 12;

// Whole values print as integers ("value": 80000000), as the contract shows them.
void write_value(JsonWriter& out, double value) {
  constexpr double kExactIntegers = 9007199254740992.0;  // 2^53
  if (value == std::floor(value) && std::fabs(value) < kExactIntegers) out.value(static_cast<std::int64_t>(value));
  else out.value(value);
}

class QuantitiesStage final : public Stage {
 public:
  Status run(Document& doc) const override {
    if (!english_or_warn(doc, "quantities")) {
      doc.set_layer(QuantityLayer{});
      return Status::ok();
    }
    doc.set_layer(extract_quantities(doc));
    return Status::ok();
  }

  void write_json(const Document& doc, ArticleJsonWriter& out) const override {
    const auto* layer = doc.layer<QuantityLayer>();
    if (!layer) return;
    out.key("quantities").begin_array();
    for (const Quantity& q : layer->quantities) {
      out.begin_object()
          .field("start", doc.code_point(q.begin))
          .field("end", doc.code_point(q.end))
          .field("text", doc.slice(q.begin, q.end))
          .field("type", quantity_type_name(q.type))
          .key("value");
      write_value(out, q.value);
      out.field("unit", q.unit).end_object();
    }
    out.end_array();
  }

  void write_table(const Document& doc, TableWriter& table) const override {
    const auto* layer = doc.layer<QuantityLayer>();
    if (!layer || layer->quantities.empty()) return;
    table.heading("How much");
    std::vector<std::vector<std::string>> rows;
    for (const Quantity& q : layer->quantities) {
      if (rows.size() == kTableRows) break;
      rows.push_back({std::string(doc.slice(q.begin, q.end)), std::string(quantity_type_name(q.type)),
                      fmt::format("{:.10g}", q.value), q.unit});
    }
    table.table({"as written", "type", "value", "unit"}, rows);
    if (layer->quantities.size() > kTableRows)
      table.line(fmt::format("  … and {} more (--format json lists them all)", layer->quantities.size() - kTableRows));
  }
};

}  // namespace

const StageSpec& quantities_stage_spec() {
  static const StageSpec spec{
      "quantities",
      "money, percentages and numbers with a unit of measure, with values (scale words applied) and units",
      {"paragraphs"},
      {"boilerplate", "language"},
      {"quantities"},
      [](const StageOptions&) -> Result<std::unique_ptr<Stage>> { return std::unique_ptr<Stage>(new QuantitiesStage()); },
  };
  return spec;
}

}  // namespace analyze
