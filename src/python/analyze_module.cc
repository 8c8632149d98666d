// The Python module `analyze` (docs/LIBRARY.md, "From Python"):
//
//   import analyze
//   nlp = analyze.Pipeline(stages=["normalize", "segment", "entities"])   # None: every stage
//   doc = nlp("Brian Kemp won the runoff in Atlanta.")        # the contract's dict
//   for doc in nlp.pipe(texts, jobs=2): ...                   # in input order
//
// Each result is the article's contract JSON (docs/JSON.md), as the binary writes it, made into the
// objects json.loads would give (python/python_json.h). The analysis runs without the GIL: pipe()
// keeps `jobs` threads analysing the next articles while the calling thread makes the dicts.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "analyze/data_dir.h"
#include "analyze/output_writer.h"
#include "analyze/pipeline.h"
#include "python/python_json.h"

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

// pipe()'s articles in flight, in chunks of a few, analysed by `jobs` threads that need no GIL
// and taken back in input order. The workers stay for the whole pipe(): no start-up per chunk and no
// wait for the slowest of a batch, so they keep busy while the calling thread makes the dicts.
class ChunkQueue {
 public:
  ChunkQueue(std::shared_ptr<const analyze::Pipeline> pipeline, std::size_t jobs) : pipeline_(std::move(pipeline)) {
    for (std::size_t j = 0; j < jobs; ++j) workers_.emplace_back([this] { work(); });
  }
  ChunkQueue(const ChunkQueue&) = delete;
  ChunkQueue& operator=(const ChunkQueue&) = delete;
  // Chunks not started are dropped (the iterator was abandoned); those being analysed finish.
  ~ChunkQueue() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    work_ready_.notify_all();
    for (std::thread& w : workers_) w.join();
  }

  void push(std::vector<Document> docs) {
    auto chunk = std::make_unique<Chunk>();
    chunk->docs = std::move(docs);
    {
      std::lock_guard lock(mutex_);
      articles_ += chunk->docs.size();
      pending_.push_back(chunk.get());
      in_order_.push_back(std::move(chunk));
    }
    work_ready_.notify_one();
  }

  // Articles pushed and not yet taken.
  std::size_t articles() const {
    std::lock_guard lock(mutex_);
    return articles_;
  }
  bool empty() const { return articles() == 0; }

  // Waits for the oldest chunk and gives its articles' JSON; call without the GIL.
  std::vector<std::string> take_oldest() {
    std::unique_lock lock(mutex_);
    chunk_done_.wait(lock, [&] { return in_order_.front()->done; });
    std::unique_ptr<Chunk> chunk = std::move(in_order_.front());
    in_order_.pop_front();
    articles_ -= chunk->json.size();
    return std::move(chunk->json);
  }

 private:
  struct Chunk {
    std::vector<Document> docs;
    std::vector<std::string> json;
    bool done = false;
  };

  void work() {
    std::vector<Document*> docs;
    std::vector<analyze::Status> statuses;
    while (true) {
      Chunk* chunk;
      {
        std::unique_lock lock(mutex_);
        work_ready_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
        if (stopping_) return;
        chunk = pending_.front();
        pending_.pop_front();
      }
      analyse(*chunk, docs, statuses);
      {
        std::lock_guard lock(mutex_);
        chunk->done = true;
      }
      chunk_done_.notify_one();  // only the calling thread waits for chunks
    }
  }

  // One stage at a time over the chunk's articles, as the binary's batches run: each stage's
  // model stays in the cache across them. The documents are freed once written.
  void analyse(Chunk& chunk, std::vector<Document*>& docs, std::vector<analyze::Status>& statuses) const {
    docs.clear();
    for (Document& doc : chunk.docs) docs.push_back(&doc);
    pipeline_->run(docs, statuses);
    chunk.json.reserve(docs.size());
    for (std::size_t k = 0; k < docs.size(); ++k) chunk.json.push_back(rendered(*pipeline_, *docs[k], statuses[k]));
    chunk.docs = {};
  }

  std::shared_ptr<const analyze::Pipeline> pipeline_;
  mutable std::mutex mutex_;
  std::condition_variable work_ready_, chunk_done_;
  std::deque<std::unique_ptr<Chunk>> in_order_;  // every chunk not yet taken, in input order
  std::deque<Chunk*> pending_;                   // of those, the ones no worker has started
  std::size_t articles_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// What pipe() returns: keeps up to `read_ahead` articles of the iterable in the workers' hands and
// yields dicts in input order, a chunk at a time.
class PipeIterator {
 public:
  PipeIterator(std::shared_ptr<const analyze::Pipeline> pipeline, py::iterator items, std::size_t jobs,
               std::size_t read_ahead)
      : items_(std::move(items)), read_ahead_(std::max<std::size_t>(read_ahead, 1)),
        chunk_size_(std::min(kChunk, read_ahead_)), queue_(std::move(pipeline), std::max<std::size_t>(jobs, 1)) {
    read_items();
  }

  py::object next() {
    if (ready_.empty()) {
      if (queue_.empty()) throw py::stop_iteration();
      {
        py::gil_scoped_release released;
        ready_ = queue_.take_oldest();
      }
      std::reverse(ready_.begin(), ready_.end());
      read_items();  // the workers go on while this chunk becomes dicts
    }
    py::object doc = json_.parse(ready_.back());
    ready_.pop_back();
    return doc;
  }

 private:
  static constexpr std::size_t kChunk = 8;

  // Tops the articles in flight up to `read_ahead_`, a chunk at a time.
  void read_items() {
    while (!exhausted_ && queue_.articles() + chunk_size_ <= read_ahead_) {
      std::vector<Document> docs;
      while (docs.size() < chunk_size_ && items_ != py::iterator::sentinel()) {
        docs.push_back(document_of(*items_, read_++));
        ++items_;
      }
      exhausted_ = docs.size() < chunk_size_;
      if (!docs.empty()) queue_.push(std::move(docs));
    }
  }

  py::iterator items_;
  std::size_t read_ahead_;
  std::size_t chunk_size_;
  std::size_t read_ = 0;
  bool exhausted_ = false;
  analyze_python::PythonJson json_;
  std::vector<std::string> ready_;  // the current chunk's JSON not yet yielded, last first
  ChunkQueue queue_;  // declared last, so destroyed first: its workers stop before the rest goes
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
  }

  py::object call(const std::string& text, const std::string& id) {
    Document doc(id, text);
    std::string json;
    {
      py::gil_scoped_release released;
      json = analysed(*pipeline_, doc);
    }
    return json_.parse(json);
  }

  std::unique_ptr<PipeIterator> pipe(const py::iterable& items, std::size_t jobs, std::size_t batch_size) const {
    return std::make_unique<PipeIterator>(pipeline_, py::iter(items), jobs, batch_size);
  }

  std::vector<std::string> stages() const {
    std::vector<std::string> names;
    for (const analyze::StageSpec* spec : pipeline_->specs()) names.emplace_back(spec->name);
    return names;
  }

 private:
  std::shared_ptr<const analyze::Pipeline> pipeline_;
  analyze_python::PythonJson json_;  // its shared strings serve every call
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
           "threads, up to `batch_size` articles ahead of the one yielded, yielding the dicts in input order.")
      .def_property_readonly("stages", &PyPipeline::stages, "The stages that run, in order.");
  m.def(
      "_parse_json", [](const std::string& json) { return analyze_python::PythonJson().parse(json); }, py::arg("json"),
      "The module's reader of result JSON, for its tests: what json.loads gives, or ValueError.");
}
