#include "analyze/ner_tagger.h"

#include "analyze/ner_features.h"
#include "analyze/ner_model.h"

namespace analyze {

NerTagger::NerTagger(std::shared_ptr<const NerModel> model) : model_(std::move(model)) {}

Result<NerTagger> NerTagger::load(const std::filesystem::path& model_file) {
  auto model = NerModel::load(model_file);
  if (!model) return model.error();
  return NerTagger(std::make_shared<const NerModel>(std::move(model.value())));
}

Status NerTagger::save(const std::filesystem::path& model_file) const { return model_->save(model_file); }

std::vector<TaggedSpan> NerTagger::tag(const Document& doc) const {
  std::vector<TaggedSpan> spans;
  if (doc.tokens.empty()) return spans;
  NerFeatureExtractor extractor(*model_);
  extractor.analyze(doc);
  NerSentenceFeatures features;
  std::vector<float> emissions, work;
  std::vector<std::uint8_t> back;
  std::vector<int> best;
  std::vector<std::uint8_t> first_pass(doc.tokens.size(), 0), second_pass(doc.tokens.size(), 0);

  // Pass 1 tags with local features; pass 2 also sees how pass 1 tagged each word elsewhere in
  // the article (Ratinov & Roth's non-local features), which fixes headlines and short forms.
  const auto run_pass = [&](const NerWeights& weights, const std::uint8_t* history, std::uint8_t* out) {
    for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
      const Sentence& sentence = doc.sentences[s];
      if (doc.in_boilerplate(sentence) || sentence.token_end == sentence.token_begin) continue;
      extractor.features(doc, s, history, features);
      const std::size_t n = features.tokens();
      emissions.assign(n * kNerTags, 0.0f);
      for (std::size_t i = 0; i < n; ++i)
        weights.add_emissions(features.features.data() + features.offsets[i], features.offsets[i + 1] - features.offsets[i],
                              emissions.data() + i * kNerTags);
      best.resize(n);
      ner_viterbi(emissions.data(), n, weights.decoding_transitions(), best.data(), work, back);
      for (std::size_t i = 0; i < n; ++i) out[sentence.token_begin + i] = static_cast<std::uint8_t>(best[i]);
    }
  };
  run_pass(model_->first_pass, nullptr, first_pass.data());
  extractor.collect_first_pass(doc, first_pass.data());
  run_pass(model_->second_pass, first_pass.data(), second_pass.data());

  for (const Sentence& sentence : doc.sentences) {
    if (doc.in_boilerplate(sentence)) continue;
    ner_spans_from_tags(second_pass.data() + sentence.token_begin, sentence.token_begin, sentence.token_end, spans);
  }
  return spans;
}

}  // namespace analyze
