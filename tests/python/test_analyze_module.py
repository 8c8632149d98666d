"""The Python module `analyze` (src/python/analyze_module.cc), run by ctest (label python) with
PYTHONPATH naming the build's python/ folder, ANALYZE_BINARY the binary and ANALYZE_SAMPLES
data/samples. Skips when the module was not built."""
import gc
import glob
import json
import os
import subprocess
import unittest

try:
    import analyze
except ImportError:  # no python3-dev or pybind11-dev at build time
    analyze = None

SAMPLES = sorted(glob.glob(os.path.join(os.environ.get("ANALYZE_SAMPLES", "../../data/samples"), "*.txt")))
KEMP = "Brian Kemp won the runoff in Atlanta on Tuesday, officials in Georgia said."


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


@unittest.skipIf(analyze is None, "module not built")
class PipelineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.nlp = analyze.Pipeline()
        cls.entities = analyze.Pipeline(stages=["normalize", "segment", "entities"])

    def test_one_text_gives_the_contract_dict(self):
        doc = self.entities(KEMP, id="kemp")
        self.assertEqual(doc["id"], "kemp")
        names = {(e["name"], e["type"]) for e in doc["entities"]}
        self.assertIn(("Brian Kemp", "PERSON"), names)
        self.assertIn(("Atlanta", "LOCATION"), names)
        self.assertNotIn("topics", doc)
        self.assertEqual(self.entities.stages, ["normalize", "segment", "entities"])

    def test_the_dict_is_what_the_binary_writes(self):
        binary = os.environ.get("ANALYZE_BINARY")
        if not binary or not SAMPLES:
            self.skipTest("ANALYZE_BINARY or ANALYZE_SAMPLES not set")
        for path in SAMPLES:
            out = subprocess.run([binary, "--format", "jsonl", "--no-progress", path], check=True,
                                 capture_output=True, text=True).stdout
            expected = json.loads(out)
            self.assertEqual(self.nlp(read(path), id=expected["id"]), expected, path)

    def test_pipe_keeps_the_input_order_whatever_the_jobs(self):
        texts = [read(p) for p in SAMPLES] * 7 + [KEMP, ""]
        one = [self.nlp(t, id=str(i)) for i, t in enumerate(texts)]
        for jobs, batch_size in ((1, 64), (2, 3), (3, 1)):
            self.assertEqual(list(self.nlp.pipe(texts, jobs=jobs, batch_size=batch_size)), one)
        self.assertEqual(list(self.nlp.pipe(iter([]), jobs=2)), [])

    def test_pipe_takes_id_text_pairs(self):
        docs = list(self.entities.pipe([("a", KEMP), ("b", "Nothing here.")], jobs=2))
        self.assertEqual([d["id"] for d in docs], ["a", "b"])
        self.assertEqual(docs[0], self.entities(KEMP, id="a"))

    def test_an_abandoned_pipe_stops_its_workers(self):
        texts = [KEMP] * 200
        docs = self.entities.pipe(texts, jobs=2, batch_size=16)
        self.assertEqual(next(docs)["id"], "0")
        del docs  # joins the workers, dropping the articles not started
        self.assertEqual(len(list(self.entities.pipe(texts[:20], jobs=2))), 20)

    def test_a_bad_stage_or_item_is_an_error(self):
        with self.assertRaisesRegex(ValueError, "unknown-stage"):
            analyze.Pipeline(stages=["no-such-stage"])
        with self.assertRaises(Exception):
            list(self.entities.pipe([42]))


@unittest.skipIf(analyze is None, "module not built")
class ResultJsonTest(unittest.TestCase):
    """The module's own reader of result JSON gives what json.loads gives."""

    CASES = [
        '{"a":"\\u00e9\\n\\"x\\\\ \\/ \\b\\f\\r\\t","b":[1,-2,3.5,1e-7,-0.0,2.5E3,0]}',
        '{"big":123456789012345678901234567890,"neg":-9223372036854775808,"u64":18446744073709551615}',
        '{"t":true,"f":false,"n":null,"o":{},"l":[],"nested":[{"x":[[]]}]}',
        '"\\ud83d\\ude00 and a lone \\ud800"',
        '  [ 1 , "S\u00e3o Paulo" , "\u201cquoted\u201d" ]  ',
        '{"same":"PERSON","again":"PERSON","k":"PERSON"}',
    ]

    def test_the_values_are_those_of_json_loads(self):
        for text in self.CASES:
            ours, theirs = analyze._parse_json(text), json.loads(text)
            self.assertEqual(ours, theirs, text)
            self.assertEqual(repr(ours), repr(theirs), text)  # int stays int, float float, key order

    def test_bad_json_is_a_value_error(self):
        for text in ['{"a":1', '[1,]', '[1] x', 'tru', '"open', '{1:2}', '{"a" 1}', '"\\x"', '"\\u12"', '']:
            with self.assertRaises(ValueError, msg=text):
                analyze._parse_json(text)

    def test_the_collector_is_left_as_it_was(self):
        try:
            gc.disable()
            analyze._parse_json(self.CASES[2])
            self.assertFalse(gc.isenabled())
            gc.enable()
            analyze._parse_json(self.CASES[2])
            with self.assertRaises(ValueError):
                analyze._parse_json('[{"a":')
            self.assertTrue(gc.isenabled())
        finally:
            gc.enable()


if __name__ == "__main__":
    unittest.main()
