"""``elbe-game playtest``: an exhaustive pass, then seeded random playthroughs.

The random pass (after ChoiceScript's *randomtest*) plays ``runs`` games. At every
passage it takes the available choice used least so far over all runs (ties broken by
a generator seeded from ``seed``), so rare branches get their turn. A game stops at an
ending, at a passage with nothing to choose (a dead end: reported), or after
``max_steps`` choices (a loop: reported with the nodes it circled). The whole pass is
deterministic: the same story, seed and run count give the same games, so any problem
is replayed with ``--seed S --runs R`` (R = the failing run's number + 1).
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..engine import Engine, Story
from .explore import (
    DEFAULT_MAX_STATES,
    ExploreResult,
    Problem,
    add_problem,
    describe_exception,
    explore,
)

DEFAULT_RUNS = 1000
DEFAULT_MAX_STEPS = 500  # or twice the number of nodes, if more
LOOP_WINDOW = 50  # the last steps a loop report looks at


@dataclass
class RandomResult:
    runs: int
    seed: int
    steps: int = 0
    node_hits: Counter[str] = field(default_factory=Counter)
    ending_hits: Counter[str] = field(default_factory=Counter)
    choice_hits: Counter[tuple[str, str]] = field(default_factory=Counter)
    problems: dict[tuple[str, str, str], Problem] = field(default_factory=dict)
    arms: set[object] = field(default_factory=set)  # (site, arm) of every text branch shown


def random_runs(
    story: Story,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    max_steps: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> RandomResult:
    """``runs`` games; ``max_steps`` defaults to ``step_limit(story)``."""
    max_steps = max_steps or step_limit(story)
    picker = random.Random(seed)
    result = RandomResult(runs=runs, seed=seed)
    for run in range(runs):
        _one_run(story, run, seed + run, max_steps, picker, result)
        if progress is not None:
            progress(1)
    return result


def step_limit(story: Story) -> int:
    return max(DEFAULT_MAX_STEPS, 2 * len(story.nodes))


def _stopped(engine: Engine, max_steps: int) -> tuple[str, str]:
    """Why a game that ran out of steps did: a loop (nodes repeat), or just a long path."""
    recent = Counter(s.node for s in engine.state.path[-LOOP_WINDOW:])
    circled = sorted(node for node, count in recent.items() if count > 1)
    if circled:
        return "loop", f"no ending after {max_steps} choices; it kept circling {', '.join(circled)}"
    return "too-long", (
        f"no ending after {max_steps} choices, though the path is not repeating: "
        "raise --max-steps if the story is this long"
    )


def _one_run(
    story: Story,
    run: int,
    run_seed: int,
    max_steps: int,
    picker: random.Random,
    result: RandomResult,
) -> None:
    engine: Engine | None = None

    def problem(kind: str, message: str) -> None:
        path = [(s.node, s.choice) for s in engine.state.path] if engine else []
        node = engine.state.node if engine else story.start
        add_problem(result.problems, Problem(kind, node, message, path, run, run_seed))

    try:
        engine = Engine.new_game(story, seed=run_seed)
        engine.seen_arms = result.arms
        view = engine.view()
        result.node_hits[view.node_id] += 1
        steps = 0
        while view.ending is None:
            options = view.available
            if not options:
                problem(
                    "dead-end",
                    "no choice is available here and there is no fallback: the player is stuck",
                )
                return
            if steps >= max_steps:
                kind, message = _stopped(engine, max_steps)
                problem(kind, message)
                return
            node_id = view.node_id
            fewest = min(result.choice_hits[(node_id, c.id)] for c in options)
            pick = picker.choice(
                [c for c in options if result.choice_hits[(node_id, c.id)] == fewest]
            )
            result.choice_hits[(node_id, pick.id)] += 1
            view = engine.choose(pick.id)
            engine.undo_stack.clear()  # nobody undoes here; keep memory flat
            steps += 1
            result.steps += 1
            result.node_hits[view.node_id] += 1
        result.ending_hits[view.ending.id] += 1
    except Exception as exc:  # per run: report with its seed and path, then go on
        kind, message = describe_exception(exc)
        problem(kind, message)


@dataclass(frozen=True)
class TextBranch:
    """An {if} arm or an alternative of a passage's text."""

    node: str
    site: str
    label: str
    where: str  # file:line:column

    def __str__(self) -> str:
        return f"{self.where}: {self.site} {self.label}"


def text_branches(story: Story) -> dict[tuple[str, int], TextBranch]:
    """Every text branch of the story, by (site, arm number)."""
    out: dict[tuple[str, int], TextBranch] = {}
    for node in story.nodes.values():
        for template in node.templates():
            for number, arm in enumerate(template.arms):
                line, column = template.position(arm)
                where = f"{template.file}:{line}:{column}"
                out[(template.site, number)] = TextBranch(node.id, template.site, arm.label, where)
    return out


@dataclass
class PlaytestReport:
    story: Story
    exhaustive: ExploreResult
    random: RandomResult
    seconds: float
    strict: bool = False

    @property
    def problems(self) -> list[Problem]:
        merged: dict[tuple[str, str, str], Problem] = {}
        for source in (self.exhaustive.problems, self.random.problems):
            for key, problem in source.items():
                known = merged.get(key)
                if known is not None:
                    known.count += problem.count
                    if known.run is None:  # keep a replayable run when there is one
                        known.run, known.seed = problem.run, problem.seed
                else:
                    merged[key] = Problem(**{**problem.__dict__})
        return list(merged.values())

    @property
    def visited(self) -> set[str]:
        return self.exhaustive.nodes | set(self.random.node_hits)

    @property
    def unvisited(self) -> list[str]:
        return [n for n in self.story.nodes if n not in self.visited]

    @property
    def endings_missed(self) -> list[str]:
        reached = self.exhaustive.endings | set(self.random.ending_hits)
        return [e for e in self.story.endings if e not in reached]

    @property
    def choices_missed(self) -> list[tuple[str, str]]:
        taken = self.exhaustive.choices | set(self.random.choice_hits)
        return [
            (n.id, c.id)
            for n in self.story.nodes.values()
            for c in n.choices
            if (n.id, c.id) not in taken
        ]

    @property
    def branches_missed(self) -> list[TextBranch]:
        """Text branches of reached passages that no game showed."""
        shown = self.exhaustive.arms | self.random.arms
        visited = self.visited
        return [
            branch
            for key, branch in text_branches(self.story).items()
            if branch.node in visited and key not in shown
        ]

    @property
    def conditions_never_true(self) -> list[str]:
        return _conditions(self.story, self.exhaustive, want_true=True)

    @property
    def failures(self) -> list[str]:
        """Why the playtest fails, one phrase each (empty: it passes)."""
        out = []
        if self.problems:
            out.append(f"{len(self.problems)} errors")
        if self.endings_missed:
            out.append(f"{len(self.endings_missed)} endings never reached")
        if not self.exhaustive.complete:
            out.append("the exhaustive pass stopped at its bound")
        if self.strict:
            if self.unvisited:
                out.append(f"{len(self.unvisited)} nodes never reached")
            if self.conditions_never_true:
                out.append(f"{len(self.conditions_never_true)} conditions never true")
        return out

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict[str, Any]:
        ex = self.exhaustive
        return {
            "runs": self.random.runs,
            "seed": self.random.seed,
            "steps": self.random.steps,
            "nodes_total": len(self.story.nodes),
            "nodes_visited": len(self.visited),
            "unvisited": self.unvisited,
            "endings": {e: self.random.ending_hits.get(e, 0) for e in self.story.endings},
            "endings_never_reached": self.endings_missed,
            "choices_never_taken": [f"{n}.{c}" for n, c in self.choices_missed],
            "node_hits": {n: self.random.node_hits.get(n, 0) for n in self.story.nodes},
            "errors": [p.to_dict() for p in self.problems],
            "exhaustive": {
                "states": ex.states,
                "complete": ex.complete,
                "max_states": ex.max_states,
                "nodes_reached": len(ex.nodes),
                "endings_reached": sorted(ex.endings),
                "conditions_never_true": _conditions(self.story, ex, want_true=True),
                "conditions_never_false": _conditions(self.story, ex, want_true=False),
                "sampled_nodes": dict(sorted(ex.sampled.items())),
            },
            "text_branches_never_shown": [
                {"node": b.node, "site": b.site, "branch": b.label, "where": b.where}
                for b in self.branches_missed
            ],
            "strict": self.strict,
            "ok": self.ok,
            "failures": self.failures,
            "seconds": round(self.seconds, 3),
        }


def _conditions(story: Story, ex: ExploreResult, want_true: bool) -> list[str]:
    """Conditions seen on one side only (in reached nodes): ``node.choice`` for a
    choice's ``if``, ``node.choice.to[i]`` for the i-th arm of a computed target."""
    seen = ex.cond_true if want_true else ex.cond_false
    out = []
    for n in story.nodes.values():
        if n.id not in ex.nodes:
            continue
        for c in n.choices:
            refs = [(c.id, c.condition)]
            refs += [(f"{c.id}.to[{i}]", cond) for i, (cond, _) in enumerate(c.route.arms, 1)]
            out += [
                f"{n.id}.{ref}"
                for ref, cond in refs
                if cond is not None and (n.id, ref) not in seen
            ]
    return out


def playtest(
    story: Story,
    runs: int = DEFAULT_RUNS,
    seed: int = 0,
    max_steps: int | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Callable[[str, int | None], Callable[[int], None]] | None = None,
    strict: bool = False,
) -> PlaytestReport:
    """Both passes. ``progress(label, total)`` may return a callback advanced per unit.
    ``strict``: nodes never reached and conditions never true fail the playtest too."""
    began = time.perf_counter()
    ex = explore(story, max_states, seed, progress("exhaustive", None) if progress else None)
    rnd = random_runs(story, runs, seed, max_steps, progress("random", runs) if progress else None)
    return PlaytestReport(story, ex, rnd, time.perf_counter() - began, strict)


def format_text(report: PlaytestReport, story_dir: str) -> list[str]:
    """The report for people: what was missed and what broke, with file:line."""
    story, ex, rnd = report.story, report.exhaustive, report.random
    nodes = story.nodes

    def at(node_id: str) -> str:
        return str(nodes[node_id].where) if node_id in nodes else story_dir

    if not ex.complete:
        bound = f"STOPPED at the bound of {ex.max_states} states: raise --max-states"
    elif ex.sampled:
        crowded = len(ex.sampled)
        bound = (
            f"complete by coverage: at {crowded} crowded node{'s' if crowded != 1 else ''}, "
            f"{sum(ex.sampled.values())} states that showed nothing new were not followed"
        )
    else:
        bound = "complete"
    lines = [
        f"playtest: {story.title} ({story_dir}): {len(nodes)} nodes, {len(story.endings)} endings",
        f"exhaustive pass: {ex.states} distinct states ({bound})",
        f"random pass: {rnd.runs} runs from seed {rnd.seed}, {rnd.steps} choices in all",
        f"nodes visited: {len(report.visited)} of {len(nodes)}",
        "endings (random runs):",
    ]
    width = max((len(e) for e in story.endings), default=0)
    for ending_id, node in story.endings.items():
        hits = rnd.ending_hits.get(ending_id, 0)
        mark = "  NEVER REACHED" if ending_id in report.endings_missed else ""
        lines.append(f"  {ending_id:<{width}} {hits:>7}{mark}  ({node.where})")
    if report.unvisited:
        lines.append("nodes never reached:")
        lines += [f"  {at(n)}: {n}" for n in report.unvisited]
    missed = [(n, c) for n, c in report.choices_missed if n in report.visited]
    if missed:
        lines.append("choices never taken (in reached nodes):")
        for node_id, choice_id in missed:
            choice = nodes[node_id].choice(choice_id)
            where = choice.where if choice else nodes[node_id].where
            lines.append(f"  {where}: {node_id}.{choice_id}")
    never_true = report.conditions_never_true
    if never_true:
        lines.append("conditions never true in the exhaustive pass:")
        lines += [f"  {_choice_where(story, ref)}: {ref}" for ref in never_true]
    unshown = report.branches_missed
    if unshown:
        lines.append("text branches no game showed (in reached passages):")
        lines += [f"  {branch}" for branch in unshown]
    problems = report.problems
    if problems:
        lines.append(f"errors ({len(problems)}):")
        for p in problems:
            times = f", {p.count} times" if p.count > 1 else ""
            lines.append(f"  {at(p.node)}: {p.kind} at {p.node}{times}: {p.message}")
            lines.append(f"    path: {_shorten(p.path_text())}")
            if p.run is not None:
                lines.append(
                    f"    first in random run {p.run} (engine seed {p.seed}); replay with "
                    f"--seed {rnd.seed} --runs {p.run + 1}"
                )
            else:
                lines.append("    found by the exhaustive pass (shortest path)")
    verdict = "OK" if report.ok else "FAILED: " + ", ".join(report.failures)
    lines.append(f"{verdict} ({report.seconds:.2f} s)")
    return lines


def _choice_where(story: Story, ref: str) -> str:
    node_id, _, choice_id = ref.partition(".")
    choice_id = choice_id.split(".", 1)[0]
    node = story.nodes[node_id]
    choice = node.choice(choice_id)
    return str(choice.where if choice else node.where)


def _shorten(path: str, keep: int = 6) -> str:
    parts = path.split(" > ")
    if len(parts) <= 2 * keep + 1:
        return path
    skipped = len(parts) - 2 * keep
    return " > ".join([*parts[:keep], f"... {skipped} more ...", *parts[-keep:]])
