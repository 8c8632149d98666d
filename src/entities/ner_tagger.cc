#include "entities/ner_tagger.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "entities/ner_features.h"
#include "entities/ner_model.h"

namespace analyze {

namespace {

// Honorifics: CoNLL leaves them outside PERSON names, but Reuters rarely writes them, so the model
// cannot learn it ("Mr Blair" is in the training data 4 times).
bool is_honorific(std::string_view form) {
  static const std::array<std::uint64_t, 16> keys = [] {
    std::array<std::uint64_t, 16> k{};
    const char* words[] = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.",
                           "prof", "prof.", "mme", "mme.", "mlle", "mlle.", "messrs", "messrs."};
    for (std::size_t i = 0; i < k.size(); ++i) k[i] = lowercase_hash(words[i]);
    return k;
  }();
  if (form.size() > 7) return false;
  const std::uint64_t key = lowercase_hash(form);
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

}  // namespace

NerTagger::NerTagger(std::shared_ptr<const NerModel> model) : model_(std::move(model)) {}

Result<NerTagger> NerTagger::load(const std::filesystem::path& model_file) {
  auto model = NerModel::load(model_file);
  if (!model) return model.error();
  return NerTagger(std::make_shared<const NerModel>(std::move(model.value())));
}

Status NerTagger::save(const std::filesystem::path& model_file) const { return model_->save(model_file); }

std::vector<TaggedSpan> NerTagger::tag(const Document& doc, NerPasses passes) const {
  std::vector<TaggedSpan> spans;
  if (doc.tokens.empty()) return spans;
  NerFeatureExtractor extractor(*model_);
  extractor.analyze(doc);
  NerSentenceFeatures features;
  std::vector<float> work;
  std::vector<std::uint8_t> back;
  std::vector<int> best;
  std::vector<float> emissions(doc.tokens.size() * kNerTags, 0.0f);
  std::vector<std::uint8_t> first_pass(doc.tokens.size(), 0), tags(doc.tokens.size(), 0);
  const NerWeights& weights = model_->weights;

  // Adds the scores of `features` to sentence `s`'s emissions and decodes them into `out`.
  const auto decode = [&](std::uint32_t s, std::uint8_t* out) {
    const Sentence& sentence = doc.sentences[s];
    float* e = emissions.data() + static_cast<std::size_t>(sentence.token_begin) * kNerTags;
    const std::uint64_t* f = features.features.data();
    const std::vector<std::uint32_t>& at = features.offsets;
    if (features.tokens() > 0) weights.prefetch(f + at[0], at[1] - at[0]);
    for (std::size_t i = 0; i < features.tokens(); ++i) {
      if (i + 1 < features.tokens()) weights.prefetch(f + at[i + 1], at[i + 2] - at[i + 1]);
      weights.add_emissions(f + at[i], at[i + 1] - at[i], e + i * kNerTags);
    }
    best.resize(features.tokens());
    ner_viterbi(e, features.tokens(), weights.decoding_transitions(), best.data(), work, back);
    for (std::size_t i = 0; i < best.size(); ++i) out[sentence.token_begin + i] = static_cast<std::uint8_t>(best[i]);
  };
  const auto tagged = [&](const Sentence& sentence) {
    return !doc.in_boilerplate(sentence) && sentence.token_end > sentence.token_begin;
  };

  // Pass 1 tags with local features. Pass 2 adds to those scores what pass 1 said about the same
  // word elsewhere in the article and earlier in it (Ratinov & Roth's non-local features: two-stage
  // prediction aggregation and extended prediction history), which fixes headlines,
  // sentence-initial names and short forms. One weight set serves both (see ner_trainer.h).
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    if (!tagged(doc.sentences[s])) continue;
    extractor.local_features(doc, s, features);
    decode(s, first_pass.data());
  }
  if (passes == NerPasses::kBoth) {
    extractor.collect_first_pass(doc, first_pass.data());
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
      if (!tagged(doc.sentences[s])) continue;
      extractor.non_local_features(doc, s, first_pass.data(), features);
      decode(s, tags.data());
    }
  }

  const std::uint8_t* final_tags = passes == NerPasses::kBoth ? tags.data() : first_pass.data();
  for (const Sentence& sentence : doc.sentences)
    if (tagged(sentence))
      ner_spans_from_tags(final_tags + sentence.token_begin, sentence.token_begin, sentence.token_end, spans);
  for (TaggedSpan& span : spans)
    while (span.type == EntityType::kPerson && span.token_end - span.token_begin > 1 &&
           is_honorific(doc.form(doc.tokens[span.token_begin])))
      ++span.token_begin;
  return spans;
}

}  // namespace analyze
