"""Per-member trajectories (simulate(..., members=True)): each member's own records, consistent with the ensemble's table."""

import numpy as np
import pytest

import fastpr

COLUMNS = ["t", "step", "s", "u", "loss", "mse", "one_minus_u", "s2", "u2"]
RUN = dict(eta=0.01, steps=3000, records=12, seed=7)


def bits(values):
    return np.asarray(values, dtype=np.float64).view(np.uint64)


@pytest.mark.parametrize("algorithm", ["sgd", "sgd-sde"])
def test_member_zero_is_the_single_run_bit_for_bit(problem, algorithm):
    ensemble = fastpr.simulate(problem, algorithm, seeds=3, threads=2, members=True, **RUN)
    single = fastpr.simulate(problem, algorithm, seeds=1, **RUN)
    assert len(ensemble.members) == 3
    for name in COLUMNS:
        assert np.array_equal(bits(ensemble.members[0][name]), bits(single[name])), f"{name}: member 0 is not the seeds=1 run"
    assert not np.array_equal(ensemble.members[0]["u"], ensemble.members[1]["u"])


def test_ensemble_mean_is_the_members_mean(problem):
    run = fastpr.simulate(problem, seeds=3, members=True, **RUN)
    assert [list(member) for member in run.members] == [COLUMNS] * 3
    rows = len(run["u"])
    assert all(len(member["u"]) == rows for member in run.members)  # none diverged: every member reached every record
    stacked = np.stack([member["u"] for member in run.members])
    finite = np.all(np.isfinite(stacked), axis=0)
    assert finite.all()
    mean = np.nanmean(stacked[:, finite], axis=0)
    scale = np.mean(np.abs(stacked[:, finite]), axis=0)  # the size of the summands bounds the rounding of their mean
    assert np.all(np.abs(run["u"][finite] - mean) <= 1e-12 * scale)
    for member in run.members:
        assert np.array_equal(bits(member["t"]), bits(run["t"])) and np.array_equal(bits(member["step"]), bits(run["step"]))
    # One member's table is the run's table of a single run.
    assert fastpr.simulate(problem, members=True, **RUN).members[0].keys() == set(COLUMNS)


def test_members_of_deterministic_runs_and_default(problem):
    gd = fastpr.simulate(problem, "gd", eta=0.01, steps=2000, records=10, members=True)
    assert len(gd.members) == 1
    for name in COLUMNS:
        assert np.array_equal(bits(gd.members[0][name]), bits(gd[name]))
    assert fastpr.simulate(problem, seeds=2, **RUN).members is None  # not asked for
    with pytest.raises(TypeError, match="members"):
        fastpr.simulate(problem, members="yes", **RUN)


def test_diverged_members_have_fewer_rows(problem):
    """Members diverge at different records: each keeps only the records it reached, and the ensemble's "members" column
    counts them."""
    run = fastpr.simulate(problem, seeds=4, engine="projected", source="ziggurat", eta=1.5, steps=2000, records=20, seed=1,
                          members=True)
    assert run.info["status"] == "diverged"
    rows = [len(member["t"]) for member in run.members]
    assert len(set(rows)) > 1, f"every member kept {rows[0]} records: pick an eta where they diverge at different records"
    assert max(rows) == len(run["t"]) < 20
    for r in range(len(run["t"])):
        assert run["members"][r] == sum(n > r for n in rows)
    for member in run.members:
        assert np.all(np.isfinite(member["u"]))  # only finite records are kept
