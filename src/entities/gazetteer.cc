#include "entities/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/mapped_file.h"
#include "core/model_file.h"
#include "core/text_decoder.h"
#include "core/utf8.h"

namespace analyze {

namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

inline std::uint64_t step(std::uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }
inline std::uint64_t nonzero(std::uint64_t h) { return h ? h : 1; }

// The analysis form of a name as written in a file: NFC, with the typographic apostrophes, quotes
// and dashes the tokenizer folds to ASCII folded the same way, then lower-cased.
std::string normalise_name(std::string_view name) {
  if (utf8::is_ascii(name)) return utf8::to_lower(name);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_SUCCESS(status)) u = nfc->normalize(u, status);
  std::string s;
  u.toUTF8String(s);
  std::string folded;
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t c = utf8::decode(s, i);
    switch (c) {
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x02BC: case 0x2032: folded += '\''; break;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: folded += '"'; break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: folded += '-'; break;
      default: folded.append(s, start, i - start);
    }
  }
  return utf8::to_lower(folded);
}

bool has_capital(std::string_view name) {
  if (utf8::is_ascii(name)) return std::any_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return utf8::to_lower(name) != name;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

constexpr char kCompiledName[] = "gazetteers.bin";

bool parse_type(std::string_view s, EntityType& type) {
  if (s == "PERSON" || s == "PER") type = EntityType::kPerson;
  else if (s == "ORGANIZATION" || s == "ORG") type = EntityType::kOrganization;
  else if (s == "LOCATION" || s == "LOC") type = EntityType::kLocation;
  else if (s == "MISC") type = EntityType::kMisc;
  else return false;
  return true;
}

}  // namespace

void Gazetteer::reserve_slots(std::size_t used) {
  std::size_t size = std::max<std::size_t>(64, slots_.size());
  while (used * 2 > size) size *= 2;
  if (size == slots_.size()) return;
  std::vector<Slot> old(size);
  old.swap(slots_);
  for (const Slot& s : old) {
    if (!s.key) continue;
    std::size_t i = s.key & (slots_.size() - 1);
    while (slots_[i].key) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = s;
  }
}

Gazetteer::Slot& Gazetteer::slot_for(std::uint64_t key) {
  reserve_slots(used_slots_ + 1);
  std::size_t i = key & (slots_.size() - 1);
  while (slots_[i].key && slots_[i].key != key) i = (i + 1) & (slots_.size() - 1);
  if (!slots_[i].key) {
    slots_[i].key = key;
    ++used_slots_;
  }
  return slots_[i];
}

const Gazetteer::Slot* Gazetteer::find_slot(std::uint64_t key) const {
  if (slots_.empty()) return nullptr;
  std::size_t i = key & (slots_.size() - 1);
  while (slots_[i].key) {
    if (slots_[i].key == key) return &slots_[i];
    i = (i + 1) & (slots_.size() - 1);
  }
  return nullptr;
}

bool Gazetteer::prefers(std::uint32_t a, std::uint32_t b) const {
  if (entries_[a].user != entries_[b].user) return entries_[a].user;
  return a < b;
}

void Gazetteer::add(std::string_view name, EntityType type, std::string_view canonical, std::string_view id, bool user) {
  name = trim(name);
  const std::string norm = normalise_name(name);
  // Hash the name with whitespace runs collapsed to one space, marking each prefix that ends
  // before a space so a lookup can stop as soon as no name continues.
  std::uint64_t h = kFnvOffset;
  std::size_t bytes = 0;
  bool pending_space = false;
  for (const char c : norm) {
    if (is_space(c)) {
      pending_space = bytes > 0;
      continue;
    }
    if (pending_space) {
      slot_for(nonzero(h)).is_prefix = true;
      h = step(h, ' ');
      ++bytes;
      pending_space = false;
    }
    h = step(h, static_cast<unsigned char>(c));
    ++bytes;
  }
  if (bytes == 0) return;
  Slot& slot = slot_for(nonzero(h));
  canonical = trim(canonical);
  id = trim(id);
  const std::string_view shown = canonical.empty() ? name : canonical;
  for (std::uint32_t e = slot.first_entry; e != kNone; e = next_entry_[e]) {
    const GazetteerEntry& old = entries_[e];
    if (old.type == type && old.canonical == shown && old.id == id && old.user == user) return;  // duplicate
  }
  const auto index = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({std::string(name), type, std::string(shown), std::string(id), user});
  next_entry_.push_back(kNone);
  // Insert into the chain in preference order.
  std::uint32_t* link = &slot.first_entry;
  while (*link != kNone && prefers(*link, index)) link = &next_entry_[*link];
  next_entry_[index] = *link;
  *link = index;
  slot.type_mask |= type_bit(type);
  slot.needs_capital = slot.needs_capital || has_capital(name);
  slot.has_user = slot.has_user || user;
  max_name_bytes_ = std::max(max_name_bytes_, bytes);
  user_entries_ += user;
}

Status Gazetteer::add_tsv(std::string_view tsv, std::string_view source, bool user) {
  // Room for every line at once: growing the tables line by line copied them a dozen times.
  const std::size_t lines = static_cast<std::size_t>(std::count(tsv.begin(), tsv.end(), '\n')) + 1;
  entries_.reserve(entries_.size() + lines);
  next_entry_.reserve(next_entry_.size() + lines);
  reserve_slots(used_slots_ + 2 * lines);  // a name and, for most, a prefix
  std::size_t line_no = 0;
  while (!tsv.empty()) {
    const std::size_t nl = tsv.find('\n');
    std::string_view line = tsv.substr(0, nl);
    tsv.remove_prefix(nl == std::string_view::npos ? tsv.size() : nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    if (!is_valid_utf8(line))  // e.g. a list exported as Latin-1: its names would be printed garbled
      return Error{"bad-gazetteer", fmt::format("{}:{}: not valid UTF-8 (save the file as UTF-8)", source, line_no)};
    std::string_view fields[4];
    std::size_t n = 0;
    for (std::size_t pos = 0; n < 4;) {
      const std::size_t tab = line.find('\t', pos);
      fields[n++] = line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos);
      if (tab == std::string_view::npos) break;
      pos = tab + 1;
    }
    EntityType type;
    if (n < 2 || trim(fields[0]).empty())
      return Error{"bad-gazetteer", fmt::format("{}:{}: expected 'name<TAB>type[<TAB>canonical name[<TAB>id]]'", source, line_no)};
    if (!parse_type(trim(fields[1]), type))
      return Error{"bad-gazetteer", fmt::format("{}:{}: unknown type '{}' (PERSON, ORGANIZATION, LOCATION or MISC)",
                                                source, line_no, trim(fields[1]))};
    add(fields[0], type, fields[2], fields[3], user);
  }
  return Status::ok();
}

Status Gazetteer::add_file(const std::filesystem::path& file, bool user) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{"bad-gazetteer", fmt::format("{}: cannot read the gazetteer file", file.string())};
  std::ostringstream text;
  text << in.rdbuf();
  return add_tsv(text.str(), file.string(), user);
}

struct Gazetteer::SourceFile {
  std::filesystem::path path;
  MappedFile bytes;
};

Result<std::vector<Gazetteer::SourceFile>> Gazetteer::read_sources(const std::filesystem::path& dir) {
  std::vector<SourceFile> sources;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return sources;
  std::vector<std::filesystem::path> files;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec))
    if (f.path().extension() == ".tsv") files.push_back(f.path());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto mapped = MappedFile::open(f);
    if (!mapped) return Error{"bad-gazetteer", fmt::format("{}: cannot read the gazetteer file", f.string())};
    sources.push_back({f, std::move(mapped.value())});
  }
  return sources;
}

Status Gazetteer::add_directory(const std::filesystem::path& dir) {
  auto sources = read_sources(dir);
  if (!sources) return sources.error();
  if (entries_.empty() && !sources->empty() && read_compiled(dir / kCompiledName, *sources)) return Status::ok();
  for (const SourceFile& f : *sources)
    if (Status s = add_tsv(f.bytes.bytes(), f.path.string(), false); !s) return s;
  return Status::ok();
}

Status Gazetteer::compile_directory(const std::filesystem::path& dir, const std::filesystem::path& out) {
  auto sources = read_sources(dir);
  if (!sources) return sources.error();
  Gazetteer g;
  for (const SourceFile& f : *sources)
    if (Status s = g.add_tsv(f.bytes.bytes(), f.path.string(), false); !s) return s;
  return g.write_compiled(out, *sources);
}

const Gazetteer::Slot* Gazetteer::longest_at(const Document& doc, std::uint32_t begin, std::uint32_t limit,
                                             bool user_only, std::uint32_t& end, std::string& scratch) const {
  const Slot* best = nullptr;
  std::uint64_t h = kFnvOffset;
  std::size_t bytes = 0;
  bool capital = false;
  for (std::uint32_t j = begin; j < limit; ++j) {
    const Token& t = doc.tokens[j];
    if (j > begin && t.begin > doc.tokens[j - 1].end) {
      h = step(h, ' ');
      ++bytes;
    }
    const std::string_view form = doc.form(t);
    if (utf8::is_ascii(form)) {
      for (const char ch : form) {
        const bool upper = ch >= 'A' && ch <= 'Z';
        capital = capital || upper;
        h = step(h, static_cast<unsigned char>(upper ? ch + ('a' - 'A') : ch));
      }
    } else {
      utf8::to_lower(form, scratch);
      capital = capital || scratch != form;
      for (const char ch : scratch) h = step(h, static_cast<unsigned char>(ch));
    }
    bytes += form.size();
    if (bytes > max_name_bytes_) break;
    const Slot* slot = find_slot(nonzero(h));
    if (slot && slot->first_entry != kNone && (!user_only || slot->has_user) && (capital || !slot->needs_capital)) {
      best = slot;
      end = j + 1;
    }
    const bool space_follows = j + 1 < limit && doc.tokens[j + 1].begin > t.end;
    if (space_follows && (!slot || !slot->is_prefix)) break;
  }
  return best;
}

void Gazetteer::find(const Document& doc, std::uint32_t token_begin, std::uint32_t token_end,
                     std::vector<GazetteerMatch>& out, bool user_only) const {
  if (entries_.empty() || (user_only && !user_entries_)) return;
  std::string scratch;
  for (std::uint32_t i = token_begin; i < token_end;) {
    std::uint32_t end = i;
    const Slot* slot = longest_at(doc, i, token_end, user_only, end, scratch);
    if (!slot) {
      ++i;
      continue;
    }
    out.push_back({i, end, slot->first_entry, slot->type_mask});
    i = end;
  }
}

std::vector<std::uint32_t> Gazetteer::lookup(const Document& doc, std::uint32_t token_begin, std::uint32_t token_end) const {
  std::vector<std::uint32_t> found;
  std::uint32_t end = token_begin;
  std::string scratch;
  const Slot* slot = longest_at(doc, token_begin, token_end, false, end, scratch);
  if (!slot || end != token_end) return found;
  for (std::uint32_t e = slot->first_entry; e != kNone; e = next_entry_[e]) found.push_back(e);
  return found;
}

// The compiled file (model_file.h; magic "ANZGAZET", version 1) holds the tables as add() left
// them: u32 source count, per source its file name (u16 length + bytes) and the XXH3-64 of its
// bytes; u32 entry count E, slot count S, slots used, longest name in bytes, string bytes P; zero
// padding to 8 bytes; S slots {u64 key, u32 first entry, u8 type mask, u8 flags (1 prefix, 2
// needs a capital, 4 user), u16 zero}; E entries {u32 offset and u16 length of name, canonical
// name and id in the strings, u8 type, u8 zero}; u32 next entry[E]; the strings (P bytes).
namespace {

constexpr char kCompiledMagic[] = "ANZGAZET";
constexpr std::uint32_t kCompiledVersion = 1;

struct CompiledSlot {
  std::uint64_t key;
  std::uint32_t first_entry;
  std::uint8_t type_mask;
  std::uint8_t flags;
  std::uint16_t zero;
};
struct CompiledEntry {
  std::uint32_t offset[3];  // name, canonical name, id
  std::uint16_t length[3];
  std::uint8_t type;
  std::uint8_t zero;
};
static_assert(sizeof(CompiledSlot) == 16 && sizeof(CompiledEntry) == 20);

}  // namespace

Status Gazetteer::write_compiled(const std::filesystem::path& file, const std::vector<SourceFile>& sources) const {
  ModelWriter w(kCompiledMagic, kCompiledVersion);
  w.put(static_cast<std::uint32_t>(sources.size()));
  for (const SourceFile& f : sources) {
    w.put_string(f.path.filename().string());
    w.put(model_checksum(f.bytes.bytes()));
  }
  std::string strings;
  std::vector<CompiledEntry> entries;
  for (const GazetteerEntry& e : entries_) {
    CompiledEntry c{};
    const std::string* fields[3] = {&e.name, &e.canonical, &e.id};
    for (int k = 0; k < 3; ++k) {
      if (fields[k]->size() > 0xffff) return Error{"io", fmt::format("{}: a name is too long to compile", file.string())};
      c.offset[k] = static_cast<std::uint32_t>(strings.size());
      c.length[k] = static_cast<std::uint16_t>(fields[k]->size());
      strings += *fields[k];
    }
    c.type = static_cast<std::uint8_t>(e.type);
    entries.push_back(c);
  }
  std::vector<CompiledSlot> slots;
  for (const Slot& s : slots_)
    slots.push_back({s.key, s.first_entry, s.type_mask,
                     static_cast<std::uint8_t>(s.is_prefix | s.needs_capital << 1 | s.has_user << 2), 0});
  for (const std::uint32_t n : {entries_.size(), slots_.size(), used_slots_, max_name_bytes_, strings.size()})
    w.put(static_cast<std::uint32_t>(n));
  w.pad_to(alignof(CompiledSlot));
  w.put_all(slots);
  w.put_all(entries);
  w.put_all(next_entry_);
  w.put_bytes(strings);
  return w.save(file);
}

bool Gazetteer::read_compiled(const std::filesystem::path& file, const std::vector<SourceFile>& sources) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return false;
  auto opened = ModelReader::open(file, kCompiledMagic, kCompiledVersion, "compiled gazetteer");
  if (!opened) return false;
  ModelReader& r = opened.value();
  std::uint32_t count = 0;
  if (!r.get(count) || count != sources.size()) return false;
  for (const SourceFile& f : sources) {
    std::string name;
    std::uint64_t hash = 0;
    if (!r.get_string(name) || !r.get(hash) || name != f.path.filename().string() || hash != model_checksum(f.bytes.bytes()))
      return false;
  }
  std::uint32_t n[5] = {};
  for (std::uint32_t& v : n) r.get(v);
  const CompiledSlot* slots = nullptr;
  const CompiledEntry* entries = nullptr;
  const std::uint32_t* next = nullptr;
  const char* strings = nullptr;
  if (!r.skip_padding(alignof(CompiledSlot)) || !r.view(slots, n[1]) || !r.view(entries, n[0]) || !r.view(next, n[0]) ||
      !r.view(strings, n[4]) || r.remaining() != 0 || n[1] == 0 || (n[1] & (n[1] - 1)) != 0)
    return false;
  // Every index and offset is checked, names are valid UTF-8 cut at character boundaries (they are
  // printed), a chain only moves to later entries (so it ends), and probing always meets an empty slot.
  const std::string_view pool(strings, n[4]);
  if (!is_valid_utf8(pool)) return false;
  auto starts_character = [&](std::size_t at) { return at == pool.size() || (pool[at] & 0xC0) != 0x80; };
  Gazetteer g;
  g.entries_.resize(n[0]);
  g.next_entry_.assign(next, next + n[0]);
  for (std::uint32_t i = 0; i < n[0]; ++i) {
    const CompiledEntry& c = entries[i];
    for (int k = 0; k < 3; ++k)
      if (std::uint64_t{c.offset[k]} + c.length[k] > n[4] || !starts_character(c.offset[k]) ||
          !starts_character(c.offset[k] + c.length[k]))
        return false;
    if (c.type > static_cast<std::uint8_t>(EntityType::kMisc) || (next[i] != kNone && (next[i] <= i || next[i] >= n[0])))
      return false;
    GazetteerEntry& e = g.entries_[i];
    e.name.assign(strings + c.offset[0], c.length[0]);
    e.canonical.assign(strings + c.offset[1], c.length[1]);
    e.id.assign(strings + c.offset[2], c.length[2]);
    e.type = static_cast<EntityType>(c.type);
  }
  g.slots_.resize(n[1]);
  std::size_t used = 0;
  for (std::uint32_t i = 0; i < n[1]; ++i) {
    const CompiledSlot& c = slots[i];
    if ((c.first_entry != kNone && c.first_entry >= n[0]) || (c.flags & ~3u) != 0) return false;
    g.slots_[i] = {c.key, c.first_entry, c.type_mask, (c.flags & 1) != 0, (c.flags & 2) != 0, false};
    used += c.key != 0;
  }
  if (used != n[2] || used == n[1]) return false;
  g.used_slots_ = n[2];
  g.max_name_bytes_ = n[3];
  *this = std::move(g);
  return true;
}

}  // namespace analyze
