"""check-action.py ACTION_YML: action.yml parses as YAML (PyYAML) and has the shape GitHub loads:
name and description, inputs each with a description (required a bool, default a string),
outputs each with a description and a value, and `runs` a composite action whose steps each
`run` a bash script (`shell: bash`, the one shell on Linux, macOS and Windows runners) or `uses`
an action. Every `inputs.X` and `steps.ID` an expression names exists, no `${{ }}` stands inside
a script (values reach scripts through `env:`), every file a script runs from the Action's path
exists, and shellcheck (when on PATH) passes each script. Prints one line; exits 1 with every
problem found."""

import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def walk_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from walk_strings(k)
            yield from walk_strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk_strings(v)


def check(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    if not isinstance(doc, dict):
        return ["the document is not a mapping"], {}
    known = {"name", "description", "author", "inputs", "outputs", "runs", "branding"}
    for key in doc:
        if key not in known:
            problems.append(f"unknown top-level key `{key}`")
    for key in ("name", "description"):
        if not isinstance(doc.get(key), str) or not doc[key].strip():
            problems.append(f"`{key}` must be a non-empty string")
    inputs = doc.get("inputs") or {}
    if not isinstance(inputs, dict):
        problems.append("`inputs` must be a mapping")
        inputs = {}
    for name, spec in inputs.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("description"), str):
            problems.append(f"input `{name}` needs a description")
            continue
        if "required" in spec and not isinstance(spec["required"], bool):
            problems.append(f"input `{name}`: `required` must be true or false")
        if "default" in spec and not isinstance(spec["default"], str):
            problems.append(f"input `{name}`: `default` must be a string (quote it)")
    outputs = doc.get("outputs") or {}
    for name, spec in outputs.items():
        if not isinstance(spec, dict) or "description" not in spec or "value" not in spec:
            problems.append(f"output `{name}` needs a description and a value")
    runs = doc.get("runs")
    if not isinstance(runs, dict) or runs.get("using") != "composite":
        problems.append("`runs.using` must be `composite`")
        return problems, doc
    steps = runs.get("steps")
    if not isinstance(steps, list) or not steps:
        problems.append("`runs.steps` must be a non-empty list")
        return problems, doc
    ids = {s.get("id") for s in steps if isinstance(s, dict) and s.get("id")}
    for s in walk_strings(doc):
        for expr in EXPR.findall(s):
            for name in re.findall(r"\binputs\.([A-Za-z0-9_-]+)", expr):
                if name not in inputs:
                    problems.append(f"`inputs.{name}` is not a declared input")
            for sid in re.findall(r"\bsteps\.([A-Za-z0-9_-]+)", expr):
                if sid not in ids:
                    problems.append(f"`steps.{sid}` names no step id")
    action_dir = os.path.dirname(os.path.abspath(path))
    for i, step in enumerate(steps, 1):
        label = f"step {i} ({step.get('name', 'unnamed')})" if isinstance(step, dict) else f"step {i}"
        if not isinstance(step, dict) or ("run" in step) == ("uses" in step):
            problems.append(f"{label}: needs exactly one of `run` and `uses`")
            continue
        if "run" not in step:
            continue
        if step.get("shell") != "bash":
            problems.append(f"{label}: `shell: bash` (the shell every runner OS has)")
        script = step["run"]
        if EXPR.search(script):
            problems.append(f"{label}: an expression inside the script; pass it through `env:`")
        for rel in re.findall(r"\$ACTION_PATH/([\w./-]+)", script):
            if not os.path.isfile(os.path.join(action_dir, rel)):
                problems.append(f"{label}: runs `{rel}`, which the Action does not have")
    return problems, doc


def shellcheck(doc):
    exe = shutil.which("shellcheck")
    if not exe:
        return [], False
    problems = []
    for i, step in enumerate(doc["runs"]["steps"], 1):
        if not isinstance(step, dict) or "run" not in step:
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".sh", delete=False) as f:
            f.write("#!/usr/bin/env bash\n" + step["run"])
        r = subprocess.run([exe, "-s", "bash", f.name], capture_output=True, text=True)
        os.unlink(f.name)
        if r.returncode != 0:
            problems.append(f"step {i}: shellcheck:\n{r.stdout}")
    return problems, True


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "action.yml"
    try:
        problems, doc = check(path)
    except yaml.YAMLError as e:
        print(f"{path}: not valid YAML: {e}", file=sys.stderr)
        return 1
    checked = False
    if not problems:
        more, checked = shellcheck(doc)
        problems += more
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    if problems:
        return 1
    steps = doc["runs"]["steps"]
    print(
        f"{path}: valid YAML; {len(doc.get('inputs') or {})} inputs, {len(doc.get('outputs') or {})} "
        f"output(s), composite, {len(steps)} bash steps"
        + ("; shellcheck clean" if checked else "; shellcheck not on PATH")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
