#include "dates/dates_stage.h"

#include <catch2/catch.hpp>

#include "analyze/date.h"
#include "test_support.h"

using namespace analyze;

namespace {

Document dated(const std::string& text, Json meta, std::optional<CalendarDate> option) {
  Document doc = testing::segmented(text);
  doc.meta = std::move(meta);
  StageOptions options = testing::test_options();
  options.article_date = option;
  auto stage = dates_stage_spec().create(options);
  REQUIRE(stage);
  REQUIRE(stage.value()->run(doc));
  return doc;
}

}  // namespace

TEST_CASE("dates stage: the anchor's source, and a bad record date is a warning", "[dates][data]") {
  const std::string text = "LONDON, Aug. 7, 1998 - Bombs exploded on Friday.";
  const Json record_date = Json{{"date", "2000-01-05"}};
  const Json bad_date = Json{{"date", "1998-02-30"}};
  SECTION("the record's date wins") {
    const Document doc = dated(text, record_date, CalendarDate{2026, 12, 7});
    CHECK(doc.layer<DateLayer>()->anchor_source == AnchorSource::kMetadata);
    CHECK(doc.layer<DateLayer>()->dates.back().value == "1999-12-31");
  }
  SECTION("--date next") {
    const Document doc = dated(text, Json::object(), CalendarDate{2026, 12, 7});
    CHECK(doc.layer<DateLayer>()->anchor_source == AnchorSource::kOption);
  }
  SECTION("then the text's own date") {
    const Document doc = dated(text, bad_date, std::nullopt);
    CHECK(doc.layer<DateLayer>()->anchor_source == AnchorSource::kText);
    CHECK(doc.layer<DateLayer>()->dates.back().value == "1998-08-07");
    REQUIRE(doc.warnings.size() == 1);
    CHECK(doc.warnings[0].code == "bad-date");
  }
  SECTION("or none") {
    const Document doc = dated("Bombs exploded on Friday.", Json::object(), std::nullopt);
    CHECK(doc.layer<DateLayer>()->anchor_source == AnchorSource::kNone);
    CHECK(doc.layer<DateLayer>()->dates.back().value == "XXXX-WXX-5");
  }
}

TEST_CASE("dates stage: JSON keys", "[dates][data]") {
  const Document doc = dated("Sales rose 5% last year.", Json::object(), CalendarDate{1998, 8, 8});
  auto stage = dates_stage_spec().create(testing::test_options());
  REQUIRE(stage);
  const Json j = testing::written_json(doc, {stage.value().get()});
  CHECK(j["date"]["value"] == "1998-08-08");
  CHECK(j["date"]["source"] == "option");
  CHECK(j["dates"] == Json::parse(R"([{"start": 14, "end": 23, "text": "last year", "type": "DATE", "value": "1997"}])"));
}
