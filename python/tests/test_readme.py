"""The README's "From Python" example, run as written, so the README cannot drift from the package."""

import os
import re

import numpy as np

from conftest import REPO


def test_readme_example_runs():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        readme = handle.read()
    section = readme.split("## From Python", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the section should hold exactly one python example"
    scope = {}
    exec(compile(blocks[0], "README.md (From Python)", "exec"), scope)
    p, w, r = scope["p"], scope["w"], scope["r"]
    assert not np.array_equal(w, p.initial_point()), "step must have moved w in place"
    assert r["t"][-1] == 300 and np.all(r["members"] == 8)
    assert r["info"]["status"] == "completed"
