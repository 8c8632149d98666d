// Every file a stage loads at start-up, corrupted: each real file in data/ (models, lexicons,
// gazetteers, word lists) and the user's --gazetteer and --topics-lexicon files. The stage's
// factory must either refuse the file with a one-line error naming it, or give a stage that then
// analyses the sample articles without crashing.
//
// Input: byte 0 picks the file, byte 1 the mode, the rest is the payload.
//   mode & 1: the payload is a list of 6-byte edits (u32 offset, u8 op, u8 value) applied to the
//             real file, so a small input corrupts a large model anywhere;
//   otherwise the payload is the whole file.
//   mode & 2: the file's checksum is recomputed after the edits, as a careless tool (or an
//             attacker) would, so the checks behind the checksum are reached too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "entities/gazetteer.h"
#include "entities/knowledge_base.h"
#include "core/model_file.h"
#include "entities/ner_tagger.h"
#include "analyze/table_writer.h"
#include "topics/topic_classifier.h"
#include "topics/topic_lexicon.h"
#include "fuzz_support.h"

using namespace analyze;
namespace fs = std::filesystem;

namespace {

struct DataFile {
  std::string name;    // relative to data/, or the option that names a user's file
  std::string stage;   // the stage whose factory loads it
  std::string bytes;   // the real file (a small example for a user's file)
};

const char* const kUserGazetteer = "--gazetteer";
const char* const kUserTopicsLexicon = "--topics-lexicon";

std::string stage_loading(const std::string& name) {
  if (name == "abbreviations.txt" || name == "sentence_starters.txt" || name == "sentence_starters_learned.txt" ||
      name == "speech_verbs.txt")
    return "segment";
  if (name == "boilerplate.txt") return "boilerplate";
  if (name.starts_with("gazetteers/") || name == "models/ner.bin" || name == "kb/places.bin" || name == kUserGazetteer)
    return "entities";
  if (name == "models/topics.bin" || name == "models/topics-lexicon.json" || name == "models/topics-lexicon.bin" ||
      name == kUserTopicsLexicon)
    return "topics";
  if (name == "models/keyphrases.bin") return "keyphrases";
  if (name == "models/quotes.bin") return "quotes";
  if (name == "lexicons/sentiment.tsv" || name == "lexicons/stance-idioms.tsv" || name == "models/stance.bin")
    return "stance";
  fuzz::fail("no stage known to load data/" + name + ": add it to stage_loading() in fuzz_model_loaders.cc");
}

// The compiled forms of text files (tools/compile-data): a stage reads one only while it matches its
// text, and otherwise parses the text.
bool is_compiled(const std::string& name) {
  return name == "gazetteers/gazetteers.bin" || name == "models/topics-lexicon.bin";
}

struct Fixture {
  std::vector<DataFile> files;
  fs::path data;  // a copy of data/ made of symbolic links; the file under test replaces its link
  std::map<std::string, const StageSpec*> specs;
  std::map<std::string, std::vector<Document>> inputs;  // per stage: the samples, analysed up to it
};

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture f;
    std::vector<DataFile> compiled;
    f.data = fuzz::scratch_dir() / "data";
    for (const auto& entry : fs::recursive_directory_iterator(fuzz::data_dir())) {
      const std::string name = fs::relative(entry.path(), fuzz::data_dir()).generic_string();
      if (name.starts_with("samples") || name.starts_with("README")) continue;
      if (entry.is_directory()) {
        fs::create_directories(f.data / name);
        continue;
      }
      fs::create_symlink(fs::absolute(entry.path()), f.data / name);
      (is_compiled(name) ? compiled : f.files).push_back({name, stage_loading(name), fuzz::read_file(entry.path())});
    }
    f.files.push_back({kUserGazetteer, stage_loading(kUserGazetteer),
                       "# name\ttype\tcanonical name\tid\nAcme Widgets\tORGANIZATION\tAcme Widgets Inc.\tQ1\n"
                       "Springfield\tLOCATION\tSpringfield\t\nJane Roe\tPERSON\t\t\n"});
    f.files.push_back({kUserTopicsLexicon, stage_loading(kUserTopicsLexicon),
                       fuzz::read_file(fuzz::data_dir() / "models" / "topics-lexicon.json")});
    auto by_name = [](const DataFile& a, const DataFile& b) { return a.name < b.name; };
    std::sort(f.files.begin(), f.files.end(), by_name);
    // Last, so that the first byte of the regression inputs still picks the file it was found with.
    std::sort(compiled.begin(), compiled.end(), by_name);
    f.files.insert(f.files.end(), compiled.begin(), compiled.end());

    std::vector<std::string> before;
    StageOptions options;
    options.data_dir = fuzz::data_dir();
    for (const StageSpec& spec : stage_registry()) {
      f.specs[std::string(spec.name)] = &spec;
      auto pipeline = Pipeline::create(before, options);
      if (!pipeline) fuzz::fail(pipeline.error().message);
      auto& docs = f.inputs[std::string(spec.name)];
      for (const auto& entry : fs::directory_iterator(fuzz::data_dir() / "samples")) {
        Document doc(entry.path().filename().string(), fuzz::read_file(entry.path()));
        doc.targets = {{std::make_pair(0u, 12u), ""}, {std::nullopt, "Reuters"}};
        if (Status s = pipeline->run(doc); !s) fuzz::fail(s.error().message);
        docs.push_back(std::move(doc));
      }
      before.emplace_back(spec.name);
    }
    return f;
  }();
  return f;
}

// Recomputes the checksum at the end of a binary model file (the framing of core/model_file.h).
void forge_checksum(const DataFile& file, std::string& bytes) {
  if (!file.name.ends_with(".bin") || bytes.size() < kModelHeaderBytes + kModelChecksumBytes) return;
  const std::size_t end = bytes.size() - kModelChecksumBytes;
  const std::uint64_t sum = model_checksum(std::string_view(bytes).substr(0, end));
  std::memcpy(bytes.data() + end, &sum, sizeof sum);
}

void apply_edits(std::string& bytes, std::string_view edits) {
  for (; edits.size() >= 6; edits.remove_prefix(6)) {
    std::uint32_t offset;
    std::memcpy(&offset, edits.data(), 4);
    const auto op = static_cast<unsigned char>(edits[4]);
    const char value = edits[5];
    const std::size_t at = bytes.empty() ? 0 : offset % bytes.size();
    switch (op % 6) {
      case 0: if (!bytes.empty()) bytes[at] = value; break;
      case 1: bytes.resize(offset % (bytes.size() + 1)); break;
      case 2: bytes.insert(offset % (bytes.size() + 1), 1, value); break;
      case 3: if (!bytes.empty()) bytes[at] = static_cast<char>(bytes[at] ^ (1 << (value & 7))); break;
      case 4: for (std::size_t i = at; i < std::min(bytes.size(), at + 4); ++i) bytes[i] = value; break;
      case 5: if (!bytes.empty()) bytes.erase(at, static_cast<unsigned char>(value) + 1u); break;
    }
  }
}

// The unit that parses the file, alone: a file it refuses is refused without loading the stage's
// other files (the entities and topics stages load several MB of models each time).
Status parse_alone(const DataFile& file, const fs::path& path, std::string_view bytes) {
  if (is_compiled(file.name)) return Status::ok();  // read only by the stage, which falls back to the text
  if (file.name.starts_with("gazetteers/") || file.name == kUserGazetteer)
    return Gazetteer().add_tsv(bytes, path.string(), file.name == kUserGazetteer);
  if (file.name == "models/ner.bin") {
    auto tagger = NerTagger::load(path);
    return tagger ? Status::ok() : Status(tagger.error());
  }
  if (file.name == "kb/places.bin") {
    auto kb = KnowledgeBase::load(path);
    return kb ? Status::ok() : Status(kb.error());
  }
  if (file.name == "models/topics.bin") {
    auto classifier = TopicClassifier::load(path);
    return classifier ? Status::ok() : Status(classifier.error());
  }
  if (file.name == "models/topics-lexicon.json" || file.name == kUserTopicsLexicon) {
    auto lexicon = TopicLexicon::parse(bytes, path.string());
    return lexicon ? Status::ok() : Status(lexicon.error());
  }
  return Status::ok();
}

void check_refusal(const DataFile& file, const fs::path& path, const Error& e) {
  if (e.message.empty() || e.message.find('\n') != std::string::npos ||
      e.message.find(path.filename().string()) == std::string::npos)
    fuzz::fail("the error for a corrupt " + file.name + " must be one line naming the file: " + e.code + ": " + e.message);
}

void write_seeds() {
  const Fixture& f = fixture();
  for (std::size_t i = 0; i < f.files.size(); ++i) {
    const char file = static_cast<char>(i);
    std::string name = f.files[i].name;
    if (name.starts_with("--")) name = "user-" + name.substr(2);
    std::replace(name.begin(), name.end(), '/', '_');
    const std::string middle = [&] {  // overwrite the byte in the middle with 0xff
      std::string edit(6, '\0');
      const auto at = static_cast<std::uint32_t>(f.files[i].bytes.size() / 2);
      std::memcpy(edit.data(), &at, 4);
      edit[5] = '\xff';
      return edit;
    }();
    fuzz::write_seed(name + ".intact", std::string{file, '\x03'});
    fuzz::write_seed(name + ".middle", std::string{file, '\x03'} + middle);
    fuzz::write_seed(name + ".prefix", std::string{file, '\x02'} + f.files[i].bytes.substr(0, 4096));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return fuzz::initialize(write_seeds, [] { (void)fixture(); });
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const Fixture& f = fixture();
  const DataFile& file = f.files[data[0] % f.files.size()];
  const unsigned mode = data[1];
  const std::string_view payload(reinterpret_cast<const char*>(data) + 2, size - 2);
  std::string bytes;
  if (mode & 1) {
    bytes = file.bytes;
    apply_edits(bytes, payload);
  } else {
    bytes.assign(payload);
  }
  if (mode & 2) forge_checksum(file, bytes);

  StageOptions options;
  options.data_dir = f.data;
  fs::path path;
  if (file.name == kUserGazetteer) {
    path = fuzz::scratch_dir() / "user.tsv";
    options.gazetteer_files = {path.string()};
  } else if (file.name == kUserTopicsLexicon) {
    path = fuzz::scratch_dir() / "user-topics.json";
    options.topics_lexicon_file = path.string();
  } else {
    path = f.data / file.name;
    fs::remove(path);
  }
  fuzz::write_file(path, bytes);
  const Status parsed = parse_alone(file, path, bytes);
  auto stage = parsed ? f.specs.at(file.stage)->create(options) : Result<std::unique_ptr<Stage>>(parsed.error());
  if (!file.name.starts_with("--")) {  // back to the real file for the next input
    fs::remove(path);
    fs::create_symlink(fs::absolute(fuzz::data_dir() / file.name), path);
  }
  if (!stage) {
    check_refusal(file, path, stage.error());
    return 0;
  }
  for (Document doc : f.inputs.at(file.stage)) {
    if (Status s = stage.value()->run(doc); !s) continue;
    if (file.stage == "segment") fuzz::check_layers(doc);
    std::string text;
    const std::vector<std::shared_ptr<const Stage>> alone{{stage.value().get(), [](const Stage*) {}}};  // not owned
    ArticleJsonWriter out(text, false, alone);
    out.begin_object();
    stage.value()->write_json(doc, out);
    out.end_object();
    (void)fuzz::parsed_json(text);
    TableWriter table(80);
    stage.value()->write_table(doc, table);
  }
  return 0;
}
