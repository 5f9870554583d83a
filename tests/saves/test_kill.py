"""Kill a process again and again in the middle of saving: every save stays loadable."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from elbe_game.engine import load_story
from elbe_game.host.saves import SaveStore

from ..conftest import PROJECT

KILLS = 40

LOOP_STORY = """\
story: {id: loop, title: Loop, start: a}
variables:
  laps: {type: int, default: 0}
nodes:
  a:
    title: Here
    text: Round and round, lap {laps}.
    choices:
      - {text: Go over there, to: b, effects: {add: {laps: 1}}}
      - {text: Stop, to: end}
  b:
    title: There
    text: And back again.
    choices:
      - {text: Come back, to: a}
  end:
    title: The end
    text: Dizzy.
    ending:
      id: dizzy
      title: Dizzy
      kind: alternate
      timeline:
        story: [{when: Later, text: You stopped.}]
        history: [{when: Never, text: This did not happen.}]
"""

WRITER = textwrap.dedent(
    """\
    import sys
    from pathlib import Path
    from elbe_game.engine import Engine, load_story
    from elbe_game.host.saves import SaveStore
    from elbe_game.engine.savefile import SaveMeta

    story = load_story(Path(sys.argv[1]))
    store = SaveStore(Path(sys.argv[2]))
    engine = Engine.new_game(story, seed=int(sys.argv[3]))
    for _ in range(300):  # a long path makes a big file and a slow write
        engine.choose("b" if engine.state.node == "a" else "a")
    first = True
    while True:
        engine.choose("b" if engine.state.node == "a" else "a")
        meta = SaveMeta(play_time=engine.state.turn)
        store.save("manual", engine.story, engine.state, meta)
        store.autosave(engine.story, engine.state, meta)
        store.quicksave(engine.story, engine.state, meta)
        if first:
            print("ready", flush=True)
            first = False
    """
)


@pytest.mark.slow
def test_killed_mid_save_leaves_every_save_loadable(tmp_path: Path) -> None:
    story_dir = tmp_path / "loop"
    story_dir.mkdir()
    (story_dir / "story.yaml").write_text(LOOP_STORY, encoding="utf-8")
    story = load_story(story_dir)
    store = SaveStore(tmp_path / "saves")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    pace = random.Random(1945)
    mid_write = 0
    for kill in range(KILLS):
        temps_before = set(store.folder.glob(".*.tmp"))
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(story_dir), str(store.folder), str(kill)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == b"ready"
        time.sleep(pace.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        if set(store.folder.glob(".*.tmp")) - temps_before:
            mid_write += 1  # it died with a temporary file half written
        infos = store.list()
        assert {i.slot for i in infos} >= {"manual", "autosave", "quicksave"}
        for info in infos:
            assert info.problem is None, (kill, info.slot, info.problem)
            engine = store.load(info.slot, story).engine
            assert len(engine.undo_stack) == engine.state.turn  # undo back to the start
    print(f"\n{KILLS} kills, {mid_write} in the middle of writing a file; all saves loadable")
    assert mid_write > 0  # the test did hit writes, not only the gaps between them
