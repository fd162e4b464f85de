"""The recipe notebooks end to end: each one runs with the installed `hearth run` launcher and with
`jupyter nbconvert --execute` through the installed kernelspec, against the tiny real model behind the
Ollama-compatible test server, saved web pages on a loopback server and the embedded memory (vault-qa
once more against a real Chroma server). Assertions are on structure (files, sections, links, sources),
never on the tiny model's prose.

Needs what run-jupyter-tests.sh sets up (HEARTH_BIN_DIR with the launcher, the kernelspec) and the
built test classes (kernel/target/test-classes) for the model server. HEARTH_RECIPES_ONLY_HEADLESS=1
skips the nbconvert runs; HEARTH_RECIPES_TIMES=FILE appends each run's wall time to FILE."""
import functools
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
DATA = NOTEBOOKS / "data"
KERNEL_TARGET = ROOT / "kernel" / "target"
MODEL_FILE = ROOT / "kernel" / "src" / "test" / "resources" / "ai" / "tinychat-v2.gguf"
MODEL_NAME = "tinychat"
DAY = "2026-11-23"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited at start")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def start_model_server():
    jars = sorted(KERNEL_TARGET.glob("hearth-kernel-*-all.jar"))
    classes = KERNEL_TARGET / "test-classes"
    if not jars or not (classes / "dev/hearth/kernel/ai/LocalModelServer.class").exists():
        raise unittest.SkipTest("build the kernel with its tests first (mvn package)")
    port = free_port()
    with open(tempfile.mkstemp(prefix="hearth-model-", suffix=".log")[1], "w") as log:
        process = subprocess.Popen(["java", "-XX:+UseSerialGC", "-cp", f"{classes}{os.pathsep}{jars[0]}",
                                    "dev.hearth.kernel.ai.LocalModelServer", str(MODEL_FILE), str(port), MODEL_NAME],
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/api/tags", process, 60)
    return process, url


def start_web_server():
    handler = functools.partial(QuietHandler, directory=str(DATA / "web"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def start_chroma():
    support = ROOT / "test-support" / "chroma"
    if not (support / "node_modules" / "chromadb").is_dir():
        raise unittest.SkipTest(f"Chroma is not installed: npm ci --prefix {support}")
    port = free_port()
    data = tempfile.mkdtemp(prefix="hearth-chroma-")
    # its own process group: the chroma CLI starts the server as a child, and both must stop at the end
    process = subprocess.Popen(["npx", "--no-install", "chroma", "run", "--path", data, "--host", "127.0.0.1",
                                "--port", str(port)], cwd=support, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    wait_for(url + "/api/v2/heartbeat", process, 90)
    return process, url


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def joined(text):
    return "".join(text) if isinstance(text, list) else text


def cell_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(joined(output["text"]))
        elif output["output_type"] in ("execute_result", "display_data"):
            data = output["data"]
            parts.append(joined(data.get("text/markdown", data.get("text/plain", ""))))
        elif output["output_type"] == "error":
            parts.append(output["ename"] + ": " + output["evalue"])
    return "".join(parts)


def result_text(cell):
    """The cell's last rich output (its result, or its last display)."""
    rich = [o for o in cell.get("outputs", []) if o["output_type"] in ("execute_result", "display_data")]
    return joined(rich[-1]["data"].get("text/markdown", rich[-1]["data"].get("text/plain", ""))) if rich else ""


def java_literal(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value))


def with_parameters(notebook, parameters, target):
    """Papermill's injection, as `hearth run -p` does it: a cell after the one tagged `parameters`."""
    if not parameters:
        return notebook
    nb = json.loads(notebook.read_text())
    index = next(i for i, c in enumerate(nb["cells"]) if "parameters" in c["metadata"].get("tags", []))
    source = "// Parameters injected by the test\n" + "\n".join(
        f"var {name} = {java_literal(value)};" for name, value in parameters.items())
    nb["cells"].insert(index + 1, {"cell_type": "code", "execution_count": None, "outputs": [], "source": source,
                                   "metadata": {"tags": ["injected-parameters"]}})
    target.write_text(json.dumps(nb))
    return target


class Run:
    def __init__(self, returncode, stderr, notebook, seconds):
        self.returncode, self.stderr, self.notebook, self.seconds = returncode, stderr, notebook, seconds

    def code_cells(self):
        return [c for c in self.notebook.get("cells", []) if c["cell_type"] == "code"]

    def text(self):
        return "\n".join(cell_text(c) for c in self.code_cells())

    def errors(self):
        return [cell_text(c) for c in self.code_cells() if any(o["output_type"] == "error" for o in c["outputs"])]


class Harness(unittest.TestCase):
    """The servers (model, web pages) and the two ways to run a recipe; subclasses pick the runner."""

    runner = None
    chroma_url = None

    @classmethod
    def setUpClass(cls):
        if cls.runner is None:
            raise unittest.SkipTest("no runner chosen")
        cls.model, cls.model_url = start_model_server()
        cls.web, cls.web_url = start_web_server()
        if cls.runner == "nbconvert" and os.environ.get("HEARTH_RECIPES_ONLY_HEADLESS") == "1":
            raise unittest.SkipTest("HEARTH_RECIPES_ONLY_HEADLESS=1")

    @classmethod
    def tearDownClass(cls):
        cls.model.terminate()
        cls.model.wait(30)
        cls.web.shutdown()
        cls.web.server_close()

    def setUp(self):
        self.work = Path(tempfile.mkdtemp(prefix="hearth-recipe-"))
        self.addCleanup(shutil.rmtree, self.work, True)

    def environment(self, **extra):
        env = dict(os.environ)
        env.update(HEARTH_HOME=str(self.work / "home"), HEARTH_MODEL="ollama:" + MODEL_NAME,
                   HEARTH_OLLAMA_URL=self.model_url, HEARTH_OPENAI_URL=self.model_url + "/v1",
                   HEARTH_AI_TEMPERATURE="0", HEARTH_AI_SEED="1")
        if self.chroma_url:
            env.update(HEARTH_MEMORY_BACKEND="chroma", HEARTH_CHROMA_URL=self.chroma_url)
        env.update(extra)
        return env

    def run_recipe(self, name, parameters, **env):
        notebook = name if isinstance(name, Path) else NOTEBOOKS / (name + ".ipynb")
        name = notebook.stem
        out = self.work / (name + ".out.ipynb")
        start = time.monotonic()
        if self.runner == "hearth run":
            launcher = Path(os.environ.get("HEARTH_BIN_DIR", Path.home() / ".local" / "bin")) / "hearth"
            command = [str(launcher), "run", str(notebook), "-o", str(out), "--timeout", "300"]
            for key, value in parameters.items():
                command += ["-p", f"{key}={java_literal(value) if isinstance(value, bool) else value}"]
        else:
            given = with_parameters(notebook, parameters, self.work / (name + ".ipynb"))
            command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                       "--ExecutePreprocessor.kernel_name=hearth", "--ExecutePreprocessor.timeout=300",
                       "--output-dir", str(self.work), "--output", out.name, str(given)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=self.work,
                                env=self.environment(**env), stdin=subprocess.DEVNULL)
        seconds = time.monotonic() - start
        times = os.environ.get("HEARTH_RECIPES_TIMES")
        if times:
            with open(times, "a") as f:
                f.write(f"{name}\t{self.runner}\t{'chroma' if self.chroma_url else 'embedded'}\t{seconds:.1f}\n")
        notebook_out = json.loads(out.read_text()) if out.exists() else {}
        return Run(result.returncode, result.stderr, notebook_out, seconds)

    def ok(self, name, parameters, **env):
        run = self.run_recipe(name, parameters, **env)
        self.assertEqual(run.returncode, 0, f"{name} failed:\n{run.stderr[-3000:]}\n{run.errors()}")
        self.assertEqual(run.errors(), [])
        counts = [c["execution_count"] for c in run.code_cells()]
        self.assertEqual(counts, list(range(1, len(counts) + 1)), "every cell ran, in order")
        return run


class Recipes:
    """The assertions on each recipe, for every runner."""

    def test_tour(self):
        run = self.ok("00-tour", {"name": "Tour"})
        text = run.text()
        self.assertIn("Hello from Tour", text)
        self.assertIn("60", cell_text(run.code_cells()[2]))
        self.assertIn("Default model: ollama:" + MODEL_NAME, text)
        self.assertIn("spare key is under the blue flower pot", text, "%recall found the note %remember stored")
        self.assertIn("web.fetch", text, "%actions lists the bundled plugins' actions")

    def test_calendar_planner(self):
        focus = self.work / "focus.ics"
        run = self.ok("calendar-planner", {"calendar": str(DATA / "calendar" / "week.ics"), "day": DAY, "zone": "UTC",
                                           "addFocusBlocks": True, "focusCalendar": str(focus)})
        plan = next(t for t in map(result_text, run.code_cells()) if t.startswith("# Plan for " + DAY))
        lines = [l for l in plan.splitlines() if l.startswith("- ")]
        self.assertEqual(lines, ["- 09:15 Team stand-up", "- 09:30–11:30 free: focus block", "- 11:30 Dentist",
                                 "- 12:30–15:00 free: focus block", "- 15:00 Quarterly report review",
                                 "- 16:00–17:00 free: focus block"])
        self.assertNotIn("Yoga class", plan, "only the chosen day")
        self.assertIn("## Advice", plan)
        self.assertEqual(focus.read_text().count("SUMMARY:Focus block"), 3, "the focus blocks were added")

    def test_vault_qa(self):
        run = self.ok("vault-qa", {"vault": str(DATA / "vault"), "question": "When is the boiler serviced?"})
        sources = result_text(run.code_cells()[-1])
        self.assertTrue(sources.startswith("**Sources**"), sources)
        first = [l for l in sources.splitlines() if l.startswith("1. ")][0]
        self.assertRegex(first, r"^1\. `/.*/vault/Boiler\.md` — Boiler > Service$", "the passage that answers is source 1")

    def test_journal_reflection(self):
        run = self.ok("journal-reflection", {"journal": str(DATA / "journal"), "theme": "running"})
        sources = result_text(run.code_cells()[-1])
        self.assertTrue(sources.startswith("**Sources**"), sources)
        cited = sorted(Path(l.split("`")[1]).name for l in sources.splitlines() if l[:1].isdigit())
        self.assertEqual(cited, ["2026-11-16.md", "2026-11-18.md", "2026-11-19.md"], "the three entries about running")

    def test_morning_digest(self):
        out = self.work / "digests"
        pages = f"{self.web_url}/garden-news.html,{self.web_url}/town-news.html"
        run = self.ok("morning-digest", {"pages": pages, "outDir": str(out), "day": DAY})
        digest = (out / f"digest-{DAY}.md").read_text()
        self.assertTrue(digest.startswith(f"# Morning digest {DAY}\n"), digest)
        sections = [l for l in digest.splitlines() if l.startswith("## ")]
        self.assertEqual(sections, ["## Garden club news", "## Town council notes"])
        self.assertIn(f"[Read the page]({self.web_url}/garden-news.html)", digest)
        self.assertIn(f"[Read the page]({self.web_url}/town-news.html)", digest)
        text = run.text()
        self.assertIn("`files_write`", text, "the model called files.write (approved by the recipe's --allow)")
        self.assertIn(f"wrote digest-{DAY}.md", text)
        self.assertIn(f"the model saved digest-{DAY}.md", text)
        self.assertNotIn("did not save", text)

    def test_write_a_plugin(self):
        run = self.ok("write-a-plugin", {"who": "Ada"})
        text = run.text()
        self.assertIn("recipes.greet.GreetAction", text, "the annotation processor wrote extensions.idx")
        self.assertRegex(text, r"greet\s*\|?\s*1\.0\.0\s*\|?\s*STARTED \(yours\)")
        self.assertIn("HELLO, GRACE!", text)
        self.assertIn("Hello, Ada!", text)
        self.assertTrue((self.work / "home" / "plugins" / "greet-1.0.0.jar").exists())

    def test_a_recipe_without_a_model_stops_in_its_first_cell(self):
        with socket.socket() as closed:
            closed.bind(("127.0.0.1", 0))
            nowhere = f"http://127.0.0.1:{closed.getsockname()[1]}"
        run = self.run_recipe("vault-qa", {"vault": str(DATA / "vault")}, HEARTH_OLLAMA_URL=nowhere)
        self.assertNotEqual(run.returncode, 0)
        if self.runner == "nbconvert":  # nbconvert writes no notebook when a cell fails; it prints the error
            first, rest = run.stderr, []
        else:
            first, rest = cell_text(run.code_cells()[0]), run.code_cells()[1:]
            self.assertIn("cell 1 failed", run.stderr)
        self.assertIn("This recipe needs a language model", first)
        self.assertIn("HEARTH_MODEL=ollama:NAME", first)
        self.assertTrue(all(c["execution_count"] is None for c in rest), "nothing ran after it")


class CodeForANewCell:
    """A cell that offers code as a new cell below (the set_next_input payload) runs through."""

    def test_code_offered_as_a_new_cell_does_not_break_the_run(self):
        notebook = self.work / "offers-code.ipynb"
        cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}
                 for source in ("%%ai --format code\nWhat is 0 + 8?", "1 + 1")]
        notebook.write_text(json.dumps({"cells": cells, "metadata": {"kernelspec": {
            "name": "hearth", "display_name": "Hearth (Java AI shell)", "language": "java"}},
            "nbformat": 4, "nbformat_minor": 5}))
        run = self.ok(notebook, {})
        self.assertIn("0 + 8 = 8.", cell_text(run.code_cells()[0]))
        self.assertIn("2", cell_text(run.code_cells()[1]))


class HeadlessRecipes(Recipes, CodeForANewCell, Harness):
    runner = "hearth run"


class NbconvertRecipes(Recipes, CodeForANewCell, Harness):
    runner = "nbconvert"


class ChromaVaultQa(Harness):
    """vault-qa once more, with the memory on a real Chroma server."""
    runner = "hearth run"
    test_vault_qa = Recipes.test_vault_qa

    @classmethod
    def setUpClass(cls):
        cls.chroma, cls.chroma_url = start_chroma()
        try:
            super().setUpClass()
        except BaseException:
            os.killpg(cls.chroma.pid, signal.SIGTERM)
            raise

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        os.killpg(cls.chroma.pid, signal.SIGTERM)
        cls.chroma.wait(30)


if __name__ == "__main__":
    unittest.main()
