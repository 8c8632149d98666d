// The Python module `analyze` (docs/LIBRARY.md, "From Python"):
//
//   import analyze
//   nlp = analyze.Pipeline(stages=["normalize", "segment", "entities"])   # None: every stage
//   doc = nlp("Brian Kemp won the runoff in Atlanta.")        # the contract's dict
//   for doc in nlp.pipe(texts, jobs=2): ...                   # in input order
//
// Each result is the article's contract JSON (docs/JSON.md), as the binary writes it, parsed by
// Python's json module. The analysis runs without the GIL: pipe() analyses a batch on `jobs`
// threads while the calling thread turns the previous batch into dicts.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analyze/data_dir.h"
#include "analyze/output_writer.h"
#include "analyze/pipeline.h"

namespace py = pybind11;

namespace {

using analyze::Document;

// The error of a stage's start-up (an unknown stage, a missing model) as a Python ValueError
// naming its code, as the binary's one-line error does.
[[noreturn]] void raise(const analyze::Error& error) { throw py::value_error(error.code + ": " + error.message); }

// The article's contract JSON, or its error object when a stage failed.
std::string rendered(const analyze::Pipeline& pipeline, const Document& doc, const analyze::Status& status) {
  std::optional<analyze::Error> error;
  if (!status) error = status.error();
  return analyze::render(pipeline, doc, error, {analyze::OutputFormat::kJsonl});
}

std::string analysed(const analyze::Pipeline& pipeline, Document& doc) { return rendered(pipeline, doc, pipeline.run(doc)); }

// An article from pipe()'s iterable: a text, or an (id, text) pair.
Document document_of(const py::handle& item, std::size_t index) {
  if (py::isinstance<py::str>(item)) return Document(std::to_string(index), item.cast<std::string>());
  const auto pair = item.cast<std::pair<std::string, std::string>>();
  return Document(pair.first, pair.second);
}

// One batch of pipe()'s articles, analysed on worker threads that need no GIL.
class Batch {
 public:
  Batch(std::shared_ptr<const analyze::Pipeline> pipeline, std::vector<Document> docs, std::size_t jobs)
      : pipeline_(std::move(pipeline)), docs_(std::move(docs)), json_(docs_.size()) {
    for (std::size_t j = 0; j < std::min(jobs, docs_.size()); ++j) workers_.emplace_back([this] { work(); });
  }
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  ~Batch() { join(); }

  // Waits for the workers (without the GIL) and gives the articles' JSON, in input order.
  std::vector<std::string> take() {
    {
      py::gil_scoped_release released;
      join();
    }
    return std::move(json_);
  }

 private:
  // A few articles at a time, one stage at a time over them, as the binary's batches run: each
  // stage's model stays in the cache across the articles.
  static constexpr std::size_t kChunk = 8;
  void work() {
    std::vector<Document*> chunk;
    std::vector<analyze::Status> statuses;
    for (std::size_t first; (first = next_.fetch_add(kChunk)) < docs_.size();) {
      chunk.clear();
      for (std::size_t i = first; i < std::min(first + kChunk, docs_.size()); ++i) chunk.push_back(&docs_[i]);
      pipeline_->run(chunk, statuses);
      for (std::size_t k = 0; k < chunk.size(); ++k) json_[first + k] = rendered(*pipeline_, *chunk[k], statuses[k]);
    }
  }
  void join() {
    for (std::thread& w : workers_)
      if (w.joinable()) w.join();
  }
  std::shared_ptr<const analyze::Pipeline> pipeline_;
  std::vector<Document> docs_;
  std::vector<std::string> json_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> workers_;
};

// What pipe() returns: reads the iterable a batch at a time and yields dicts in input order; the
// next batch is analysed while the current one is parsed and consumed.
class PipeIterator {
 public:
  PipeIterator(std::shared_ptr<const analyze::Pipeline> pipeline, py::iterator items, std::size_t jobs,
               std::size_t batch_size)
      : pipeline_(std::move(pipeline)), items_(std::move(items)), jobs_(std::max<std::size_t>(jobs, 1)),
        batch_size_(std::max<std::size_t>(batch_size, 1)), loads_(py::module_::import("json").attr("loads")) {
    in_flight_ = start_batch();
  }

  py::object next() {
    if (ready_.empty()) {
      if (!in_flight_) throw py::stop_iteration();
      std::vector<std::string> json = in_flight_->take();
      in_flight_ = start_batch();
      for (auto it = json.rbegin(); it != json.rend(); ++it) ready_.push_back(loads_(*it));
    }
    py::object doc = std::move(ready_.back());
    ready_.pop_back();
    return doc;
  }

 private:
  std::unique_ptr<Batch> start_batch() {
    std::vector<Document> docs;
    while (docs.size() < batch_size_ && items_ != py::iterator::sentinel()) {
      docs.push_back(document_of(*items_, read_++));
      ++items_;
    }
    if (docs.empty()) return nullptr;
    return std::make_unique<Batch>(pipeline_, std::move(docs), jobs_);
  }

  std::shared_ptr<const analyze::Pipeline> pipeline_;
  py::iterator items_;
  std::size_t jobs_;
  std::size_t batch_size_;
  py::object loads_;
  std::size_t read_ = 0;
  std::unique_ptr<Batch> in_flight_;
  std::vector<py::object> ready_;  // the current batch's dicts, last first
};

class PyPipeline {
 public:
  PyPipeline(std::optional<std::vector<std::string>> stages, std::optional<std::string> data_dir) {
    analyze::StageOptions options;
    if (data_dir) {
      options.data_dir = *data_dir;
    } else {
      auto found = analyze::find_data_dir();
      if (!found) raise(found.error());
      options.data_dir = found.value();
    }
    auto created = analyze::Pipeline::create(stages.value_or(std::vector<std::string>{}), options);
    if (!created) raise(created.error());
    pipeline_ = std::make_shared<const analyze::Pipeline>(std::move(created.value()));
    loads_ = py::module_::import("json").attr("loads");
  }

  py::object call(const std::string& text, const std::string& id) const {
    Document doc(id, text);
    std::string json;
    {
      py::gil_scoped_release released;
      json = analysed(*pipeline_, doc);
    }
    return loads_(json);
  }

  PipeIterator pipe(const py::iterable& items, std::size_t jobs, std::size_t batch_size) const {
    return PipeIterator(pipeline_, py::iter(items), jobs, batch_size);
  }

  std::vector<std::string> stages() const {
    std::vector<std::string> names;
    for (const analyze::StageSpec* spec : pipeline_->specs()) names.emplace_back(spec->name);
    return names;
  }

 private:
  std::shared_ptr<const analyze::Pipeline> pipeline_;
  py::object loads_;
};

}  // namespace

PYBIND11_MODULE(analyze, m) {
  m.doc() = "News-article analysis: the analyze pipeline from Python (docs/LIBRARY.md).";
  py::class_<PipeIterator>(m, "PipeIterator")
      .def("__iter__", [](PipeIterator& it) -> PipeIterator& { return it; })
      .def("__next__", &PipeIterator::next);
  py::class_<PyPipeline>(m, "Pipeline")
      .def(py::init<std::optional<std::vector<std::string>>, std::optional<std::string>>(), py::arg("stages") = py::none(),
           py::arg("data_dir") = py::none(),
           "The stages named (and those they require), or every stage; their models load now. Raises "
           "ValueError('<code>: <message>') for an unknown stage or a missing or bad model.")
      .def("__call__", &PyPipeline::call, py::arg("text"), py::arg("id") = "text",
           "Analyses one text; returns the article's contract dict (docs/JSON.md).")
      .def("pipe", &PyPipeline::pipe, py::arg("texts"), py::arg("jobs") = 1, py::arg("batch_size") = 64,
           py::keep_alive<0, 1>(),
           "Analyses an iterable of texts (or (id, text) pairs; ids default to the position) on `jobs` "
           "threads, yielding the dicts in input order.")
      .def_property_readonly("stages", &PyPipeline::stages, "The stages that run, in order.");
}
