#include "entities/knowledge_base.h"

#include <algorithm>
#include <array>
#include <memory>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "core/hash_index.h"
#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::string_view kMagic = "ANZKBASE";
constexpr std::uint32_t kVersion = 2;
constexpr std::size_t kCounts = 8;
constexpr std::size_t kAlignment = 8;

// Letters NFKD leaves whole, and typographic apostrophes and dashes: the SPECIAL table of
// tools/build-kb.py, which must stay the same.
std::string_view special_letter(char32_t c) {
  switch (c) {
    case U'ł': case U'Ł': return c == U'ł' ? "l" : "L";
    case U'ø': return "o";
    case U'Ø': return "O";
    case U'đ': case U'ð': return "d";
    case U'Đ': case U'Ð': return "D";
    case U'ß': return "ss";
    case U'æ': return "ae";
    case U'Æ': return "AE";
    case U'œ': return "oe";
    case U'Œ': return "OE";
    case U'ı': return "i";
    case U'þ': return "th";
    case U'Þ': return "Th";
    case 0x2019: case 0x2018: case 0x02BC: return "'";
    case 0x2010: case 0x2011: case 0x2013: case 0x2014: return "-";
    default: return {};
  }
}

// Accents dropped and special letters replaced; false when a non-ASCII letter remains.
bool fold_to_ascii(std::string_view name, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status)) return false;
  const icu::UnicodeString decomposed =
      nfkd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size()))),
                      status);
  if (U_FAILURE(status)) return false;
  out.clear();
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    const auto c = static_cast<char32_t>(decomposed.char32At(i));
    if (u_getCombiningClass(static_cast<UChar32>(c)) != 0) continue;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      continue;
    }
    const std::string_view replacement = special_letter(c);
    if (replacement.empty()) return false;
    out += replacement;
  }
  return true;
}

// ASCII lower case with runs of whitespace made one space and none at the ends.
void lower_and_collapse(std::string_view ascii, std::string& out) {
  out.clear();
  bool space = false;
  for (const char ch : ascii) {
    if (ch == ' ' || (ch >= '\t' && ch <= '\r')) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch);
  }
}

}  // namespace

std::uint16_t KbPlace::country_index() const {
  const auto letter = [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' : 0; };
  return static_cast<std::uint16_t>(letter(country[0]) * 26 + letter(country[1]));
}

std::optional<std::uint64_t> KnowledgeBase::name_key(std::string_view name, std::string& scratch) {
  if (utf8::is_ascii(name)) {
    lower_and_collapse(name, scratch);
  } else {
    std::string ascii;
    if (!fold_to_ascii(name, ascii)) return std::nullopt;
    lower_and_collapse(ascii, scratch);
  }
  if (scratch.empty()) return std::nullopt;
  return lowercase_hash(scratch);
}

Result<KnowledgeBase> KnowledgeBase::load(const std::filesystem::path& file) {
  auto opened = ModelReader::open(file, kMagic, kVersion, "knowledge base");
  if (!opened) return opened.error();
  KnowledgeBase kb(std::move(opened.value()));
  ModelReader& r = kb.reader_;
  std::array<std::uint32_t, kCounts> counts{};
  for (std::uint32_t& c : counts) r.get(c);
  kb.place_count_ = counts[0];
  kb.name_count_ = counts[1];
  kb.candidate_total_ = counts[2];
  kb.person_count_ = counts[3];
  const char* strings = nullptr;
  if (!r.skip_padding(kAlignment) || !r.view(kb.places_, counts[0]) || !r.skip_padding(kAlignment) ||
      !r.view(kb.names_, counts[1]) || !r.skip_padding(kAlignment) || !r.view(kb.candidates_, counts[2]) ||
      !r.skip_padding(kAlignment) || !r.view(kb.people_, counts[3]) || !r.skip_padding(kAlignment) ||
      !r.view(strings, counts[4]))
    return r.error("corrupt knowledge base (its tables do not fit the file)");
  if (r.remaining() != 0) return r.error("corrupt knowledge base (trailing bytes)");
  kb.strings_ = std::string_view(strings, counts[4]);
  if (Status s = kb.check(); !s) return s.error();
  return kb;
}

Status KnowledgeBase::check() const {
  for (std::uint32_t i = 0; i < place_count_; ++i) {
    const KbPlace& p = places_[i];
    if (p.kind > PlaceKind::kCity || p.feature > PlaceFeature::kAdminSeat ||
        std::size_t{p.name_offset} + p.name_length > strings_.size() ||
        (p.admin1 != KbPlace::kNoPlace && p.admin1 >= place_count_) ||
        (p.largest_city != KbPlace::kNoPlace && p.largest_city >= place_count_))
      return reader_.error("corrupt knowledge base (place " + std::to_string(i) + ")");
  }
  for (std::uint32_t i = 0; i < name_count_; ++i)
    if (names_[i].first > candidate_total_ || names_[i].count > candidate_total_ - names_[i].first ||
        (i > 0 && names_[i - 1].hash >= names_[i].hash))
      return reader_.error("corrupt knowledge base (name index)");
  for (std::uint32_t i = 0; i < candidate_total_; ++i)
    if ((candidates_[i] & ~kAlternateBit) >= place_count_)
      return reader_.error("corrupt knowledge base (candidate list)");
  for (std::uint32_t i = 1; i < person_count_; ++i)
    if (people_[i - 1].hash >= people_[i].hash) return reader_.error("corrupt knowledge base (people index)");
  return Status::ok();
}

const KnowledgeBase::NameKey* KnowledgeBase::find_name(std::uint64_t key) const {
  const NameKey* end = names_ + name_count_;
  const NameKey* it = std::lower_bound(names_, end, key, [](const NameKey& k, std::uint64_t h) { return k.hash < h; });
  return it != end && it->hash == key ? it : nullptr;
}

std::optional<std::uint32_t> KnowledgeBase::wikidata(std::uint64_t key) const {
  const PersonKey* end = people_ + person_count_;
  const PersonKey* it =
      std::lower_bound(people_, end, key, [](const PersonKey& k, std::uint64_t h) { return k.hash < h; });
  if (it == end || it->hash != key) return std::nullopt;
  return it->wikidata;
}

}  // namespace analyze
