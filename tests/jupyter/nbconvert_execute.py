"""Executes a notebook with nbconvert's ExecutePreprocessor, what `jupyter nbconvert --execute` runs, with
the kernel's working directory set to the notebook's own folder (as the command line does for a file
there) and papermill-style parameters injected after the cell tagged `parameters`.

    python3 nbconvert_execute.py NOTEBOOK OUT.ipynb PARAMETERS.json TIMEOUT

Exit 0 when every cell ran, 1 when one failed (the error goes to stderr, the notebook so far to OUT)."""
import json
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor


def java_literal(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value))


def inject(nb, parameters):
    if not parameters:
        return
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    source = "// Parameters injected by the test\n" + "\n".join(
        f"var {name} = {java_literal(value)};" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    nb.cells.insert(index + 1, cell)


def main(notebook, out, parameters, timeout):
    nb = nbformat.read(notebook, as_version=4)
    inject(nb, json.loads(Path(parameters).read_text()))
    executor = ExecutePreprocessor(kernel_name="hearth", timeout=int(timeout))
    code = 0
    try:
        executor.preprocess(nb, {"metadata": {"path": str(Path(notebook).resolve().parent)}})
    except CellExecutionError as e:
        print(e, file=sys.stderr)
        code = 1
    nbformat.write(nb, out)
    return code


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
