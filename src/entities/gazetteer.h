// Lists of known names (countries, cities, demonyms, given names, organisations, and the user's own
// --gazetteer files) matched against a Document's tokens. The entities stage uses a match to give a
// mention its canonical name and ids ("U.S." -> "United States", iso3166:US); the tagger's feature
// lists are built from the same files (tools/train-ner --gazetteers, ner_gazetteer.h).
//
// File format (TSV, UTF-8, '#' starts a comment line):
//   name <TAB> type <TAB> canonical name <TAB> id
// type is PERSON, ORGANIZATION, LOCATION or MISC (PER, ORG, LOC also accepted); canonical name and
// id are optional ("" = the name itself / no id); an id is "scheme:value", e.g. "iso3166:SV".
//
// Matching ignores case (full Unicode lower-casing) and tokenisation: a name matches a run of tokens
// whose forms, joined with one space where the text has whitespace, equal the name with its
// whitespace collapsed. So "Guinea-Bissau" matches whether the tokenizer splits the hyphen or not.
// A name with a capital letter never matches text written all in lower case ("US" is not "us").
// Names are keyed by a 64-bit hash (FNV-1a) of that normalised form; lookups never allocate for
// ASCII tokens.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "analyze/document.h"
#include "analyze/entity.h"
#include "analyze/status.h"

namespace analyze {

struct GazetteerEntry {
  std::string name;       // as written in the file
  EntityType type = EntityType::kMisc;
  std::string canonical;  // the name the entity is reported under ("United States")
  std::string id;         // "scheme:value" or empty
  bool user = false;      // from a --gazetteer file: wins over the tagger
};

// Tokens [token_begin, token_end) match the name of `entry` (the preferred entry for that name:
// user entries first, then in the order added, so an earlier file wins). `type_mask` has bit
// (1 << EntityType) set for every type any entry with this name has ("Jordan": LOCATION, PERSON).
struct GazetteerMatch {
  std::uint32_t token_begin = 0;
  std::uint32_t token_end = 0;
  std::uint32_t entry = 0;
  std::uint8_t type_mask = 0;
};

constexpr std::uint8_t type_bit(EntityType type) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(type)); }

class Gazetteer {
 public:
  // Every *.tsv file in `dir` (in file-name order); a missing directory gives an empty gazetteer.
  // When `dir` holds a gazetteers.bin compiled from exactly these files (byte for byte), the
  // gazetteer is read from it instead of parsing them; otherwise they are parsed.
  Status add_directory(const std::filesystem::path& dir);
  // Parses the *.tsv files of `dir` and writes what they give to `out` (normally
  // `dir`/gazetteers.bin) for add_directory. Errors: those of add_file; Error{"io", ...}.
  static Status compile_directory(const std::filesystem::path& dir, const std::filesystem::path& out);
  // One file; `user` marks --gazetteer files. Errors: `bad-gazetteer` naming file and line.
  Status add_file(const std::filesystem::path& file, bool user);
  // TSV text as in a file; `source` names it in error messages.
  Status add_tsv(std::string_view tsv, std::string_view source, bool user);
  void add(std::string_view name, EntityType type, std::string_view canonical, std::string_view id, bool user);

  // Appends to `out` the longest matches in tokens [token_begin, token_end) (normally a sentence),
  // left to right, never overlapping. `user_only` skips names no --gazetteer file gave.
  void find(const Document& doc, std::uint32_t token_begin, std::uint32_t token_end,
            std::vector<GazetteerMatch>& out, bool user_only = false) const;

  // The entries whose name is exactly tokens [token_begin, token_end), preferred first.
  std::vector<std::uint32_t> lookup(const Document& doc, std::uint32_t token_begin, std::uint32_t token_end) const;

  const GazetteerEntry& entry(std::uint32_t i) const { return entries_[i]; }
  std::size_t size() const { return entries_.size(); }
  bool has_user_entries() const { return user_entries_ > 0; }

 private:
  // One open-addressing slot per normalised name and per whitespace-delimited name prefix.
  struct Slot {
    std::uint64_t key = 0;            // 0 = empty (a real hash of 0 is remapped)
    std::uint32_t first_entry = kNone;  // head of the preference-ordered chain in next_entry_
    std::uint8_t type_mask = 0;
    bool is_prefix = false;           // some longer name continues after whitespace
    bool needs_capital = false;       // some entry's name has a capital letter
    bool has_user = false;
  };
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  // A *.tsv file of a data directory, mapped.
  struct SourceFile;
  static Result<std::vector<SourceFile>> read_sources(const std::filesystem::path& dir);
  // Fills an empty gazetteer from a compiled file made from `sources`; false when the file is
  // missing, damaged or made from other files.
  bool read_compiled(const std::filesystem::path& file, const std::vector<SourceFile>& sources);
  Status write_compiled(const std::filesystem::path& file, const std::vector<SourceFile>& sources) const;

  void reserve_slots(std::size_t used);  // room for `used` slots at most half full
  Slot& slot_for(std::uint64_t key);
  const Slot* find_slot(std::uint64_t key) const;
  bool prefers(std::uint32_t a, std::uint32_t b) const;  // entry a goes before entry b
  // The slot matching tokens starting at `begin`, or nullptr; `end` receives the match's end.
  const Slot* longest_at(const Document& doc, std::uint32_t begin, std::uint32_t limit, bool user_only,
                         std::uint32_t& end, std::string& scratch) const;

  std::vector<GazetteerEntry> entries_;
  std::vector<std::uint32_t> next_entry_;  // chain of entries sharing a name
  std::vector<Slot> slots_;                // size a power of two, at most half full
  std::size_t used_slots_ = 0;
  std::size_t max_name_bytes_ = 0;
  std::size_t user_entries_ = 0;
};

}  // namespace analyze
