"""The README's "From Python" script, run as written (so the README cannot drift from the package): once through, and once
with a Ctrl-C sent at its first progress line, which must take the resume path to the same analysis."""

import os
import re
import signal
import subprocess
import sys

from conftest import REPO


def readme_script(tmp_path):
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    section = readme.split("## From Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section should hold exactly one python example"
    script = tmp_path / "readme_example.py"
    script.write_text(blocks[0] + '\n    print("finals", finals)\n')
    return script


def run(script, interrupt):
    process = subprocess.Popen([sys.executable, str(script)], cwd=script.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    for line in process.stdout:
        lines.append(line.rstrip("\n"))
        if interrupt and "%" in line and len(lines) == 1:
            process.send_signal(signal.SIGINT)
    stderr = process.stderr.read()
    assert process.wait(timeout=600) == 0, stderr
    return lines


def test_readme_example_runs_and_resumes_after_ctrl_c(tmp_path):
    script = readme_script(tmp_path)
    whole = run(script, interrupt=False)
    interrupted = run(script, interrupt=True)
    analysis = [line for line in whole if not line.strip().endswith("left")]
    assert analysis[0] == [line for line in interrupted if not line.strip().endswith("left")][0], (whole, interrupted)
    # Uninterrupted, the first simulate reported 100 % before the analysis line; interrupted, it never got there.
    before = whole[:whole.index(analysis[0])]
    assert before and before[-1].startswith("100.0%"), whole
    assert not any(line.startswith("100.0%") for line in interrupted[:interrupted.index(analysis[0])]), interrupted
    assert not os.path.exists(tmp_path / "run.ckpt"), "an ended run leaves no checkpoint"
    finals = [line for line in whole if line.startswith("finals")]
    assert finals and finals == [line for line in interrupted if line.startswith("finals")]
