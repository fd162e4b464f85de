"""The real Jupyter front ends against the installed 'hearth' kernelspec:
`jupyter nbconvert --execute` of the notebooks and a piped `jupyter console` session."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JUPYTER = [sys.executable, "-m", "jupyter"]


def joined(text):
    return "".join(text) if isinstance(text, list) else text


def outputs_text(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(joined(output["text"]))
        elif output["output_type"] in ("execute_result", "display_data"):
            parts.append(joined(output["data"].get("text/plain", "")))
        elif output["output_type"] == "error":
            parts.append(output["ename"] + ": " + output["evalue"])
    return "".join(parts)


class NbconvertExecutesJavaNotebook(unittest.TestCase):
    def test_java_basics_notebook_runs_with_the_expected_outputs(self):
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(
                JUPYTER + ["nbconvert", "--to", "notebook", "--execute",
                           "--ExecutePreprocessor.kernel_name=hearth",
                           "--ExecutePreprocessor.timeout=120",
                           "--output-dir", out, "--output", "executed.ipynb",
                           str(ROOT / "notebooks" / "java-basics.ipynb")],
                capture_output=True, text=True, timeout=300)
            self.assertEqual(result.returncode, 0, result.stderr[-3000:])
            notebook = json.loads((Path(out) / "executed.ipynb").read_text())
            code_cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
            for cell in code_cells:
                self.assertFalse(any(o["output_type"] == "error" for o in cell["outputs"]),
                                 "".join(cell["source"]) + "\n" + outputs_text(cell))
            counts = [c["execution_count"] for c in code_cells]
            self.assertEqual(counts, list(range(1, len(code_cells) + 1)))
            text = "\n".join(outputs_text(c) for c in code_cells)
            self.assertIn("Total: 60", text)
            self.assertIn("[BOB, CAROL]", text)
            self.assertIn("Wall time:", text)
            rich = [o for c in code_cells for o in c["outputs"] if "text/html" in o.get("data", {})]
            self.assertTrue(rich, "the notebook shows an HTML table")
            self.assertIn("<table>", joined(rich[0]["data"]["text/html"]))
            tables = [o for o in rich if "hearth-table" in joined(o["data"]["text/html"])]
            self.assertTrue(tables, "a list of records shows as a table by itself")
            self.assertIn("<td>carol</td><td>30</td>", joined(tables[0]["data"]["text/html"]))
            charts = [o for c in code_cells for o in c["outputs"]
                      if "application/vnd.vegalite.v5+json" in o.get("data", {})]
            self.assertEqual(len(charts), 1, "the chart cell shows a Vega-Lite chart")
            self.assertIn("image/png", charts[0]["data"], "with a PNG for front ends without Vega-Lite")
            self.assertEqual(charts[0]["data"]["application/vnd.vegalite.v5+json"]["data"]["values"][2],
                             {"who": "carol", "amount": 30})
            # nbconvert's HTML (what GitHub-like viewers and exports show) carries the chart as a picture
            html = subprocess.run(JUPYTER + ["nbconvert", "--to", "html", "--output-dir", out,
                                             str(Path(out) / "executed.ipynb")],
                                  capture_output=True, text=True, timeout=120)
            self.assertEqual(html.returncode, 0, html.stderr[-3000:])
            self.assertIn('src="data:image/png;base64,', (Path(out) / "executed.html").read_text())


class ConsoleSession(unittest.TestCase):
    def test_piped_console_session(self):
        script = "\n".join([
            "int answer = 6 * 7;",
            "answer",
            'System.out.println("hello from the console");',
            "Integer.parseInt(\"nope\")",
            "answer + 1",
            "",
        ])
        result = subprocess.run(
            JUPYTER + ["console", "--kernel=hearth", "--simple-prompt"],
            input=script, capture_output=True, text=True, timeout=120)
        output = result.stdout + result.stderr  # the console prints tracebacks on stderr
        self.assertIn("Out[2]: 42", output, output + result.stderr)
        self.assertIn("hello from the console", output)
        self.assertIn("java.lang.NumberFormatException", output)
        self.assertIn("Out[5]: 43", output, "the kernel kept going after the error")


if __name__ == "__main__":
    unittest.main()
