"""Who reviews whose route in the peer stage: pure, no Django.

Each submitted route gets `per_route` reviews from other teams (as many as there are other
teams, if fewer); no team reviews its own route or the same route twice; the number of
reviews per team differs by at most one; a reviewer from another region is chosen wherever
the counts allow. Pairs already fixed (`keep`, a reallocation's surviving reviews) stay.

Found as a flow: authors need their reviews, reviewers offer up to their share, an edge
per (reviewer, author) pair. Every reviewer is first filled to the lower share, then some to
the upper one (an augmenting path never lowers a reviewer's load), and within each step
cross-region pairs are tried before same-region ones.
"""

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Party:
    team: int
    region: int | None


def allocate(
    authors: Iterable[Party],
    reviewers: Iterable[Party],
    per_route: int,
    keep: Iterable[tuple[int, int]] = (),
) -> set[tuple[int, int]]:
    """(reviewer team, author team) pairs, `keep` among them (pairs of teams no longer
    present are dropped). Deterministic for the same input."""
    if per_route < 1:
        raise ValueError("each route needs at least one review")
    authors = sorted({a.team: a for a in authors}.values(), key=lambda p: p.team)
    reviewers = sorted({r.team: r for r in reviewers}.values(), key=lambda p: p.team)
    author_ids = {a.team for a in authors}
    reviewer_ids = {r.team for r in reviewers}
    pairs = {(r, a) for r, a in keep if r in reviewer_ids and a in author_ids and r != a}
    fixed = frozenset(pairs)
    need = {a.team: min(per_route, len(reviewer_ids - {a.team})) for a in authors}
    total = sum(need.values())
    for _, a in pairs:
        need[a] -= 1
    load = {r.team: 0 for r in reviewers}
    for r, _ in pairs:
        load[r] += 1
    if not reviewers or total == 0:
        return pairs
    low, extra = divmod(total, len(reviewers))
    region = {p.team: p.region for p in authors + reviewers}
    candidates = {
        a.team: [r.team for r in reviewers if r.team != a.team and (r.team, a.team) not in pairs]
        for a in authors
    }

    def cross(r, a):
        return region[r] is None or region[r] != region[a]

    # The flow state: `pairs` are the edges in use; need/load the residual capacities.
    for cap in (low, low + 1):
        if cap == low + 1 and extra == 0:
            break
        for edge_ok in (cross, lambda r, a: True):
            _augment(need, load, cap, candidates, pairs, fixed, edge_ok)
    # Kept pairs can fill every reviewer that could take a route to its share: the route still
    # gets its reviews, from a reviewer above it (the loads then differ by more than one).
    _augment(need, load, len(authors), candidates, pairs, fixed, lambda r, a: True)
    return pairs


def _augment(need, load, cap, candidates, pairs, fixed, edge_ok) -> None:
    """Push reviews from authors still in need to reviewers under `cap`, one augmenting path
    at a time (BFS over authors; a path may move an existing review of a reviewer to another
    reviewer, never dropping one, and never a `fixed` one)."""
    while True:
        sources = [a for a, n in need.items() if n > 0]
        if not sources:
            return
        # BFS: author → reviewer (a free pair) → author (that reviewer's review moved).
        parent: dict = {}
        queue = deque(("a", a) for a in sources)
        seen = {("a", a) for a in sources}
        found = None
        reviewing: dict[int, list[int]] = {}
        for r, a in pairs - fixed:
            reviewing.setdefault(r, []).append(a)
        while queue and found is None:
            kind, node = queue.popleft()
            if kind == "a":
                for r in candidates[node]:
                    if (r, node) in pairs or not edge_ok(r, node):
                        continue
                    state = ("r", r)
                    if state in seen:
                        continue
                    seen.add(state)
                    parent[state] = ("a", node)
                    if load[r] < cap:
                        found = state
                        break
                    queue.append(state)
            else:
                # The reviewer gives up one of its reviews to take this author's.
                for a in sorted(reviewing.get(node, [])):
                    state = ("a", a)
                    if state in seen:
                        continue
                    seen.add(state)
                    parent[state] = ("r", node)
                    queue.append(state)
        if found is None:
            return
        # Walk back: reviewer ← author ← reviewer ← … ← source author.
        state = found
        load[found[1]] += 1
        while state in parent:
            prev = parent[state]
            if state[0] == "r":
                pairs.add((state[1], prev[1]))  # reviewer takes prev author
            else:
                pairs.discard((prev[1], state[1]))  # prev reviewer drops this author
            state = prev
        need[state[1]] -= 1
