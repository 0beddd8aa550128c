"""Exact scalar treatment of nodes with their own calendar or elapsed-time lags.

The vectorised passes assume every node works the project calendar and every lag counts
project working days. A node on its own calendar (a person's calendar, their absences),
and the ends of a link whose lag counts elapsed days, are recomputed here one by one,
right after the vectorised step of their level. Working lags count on the successor's
calendar; elapsed lags count calendar days.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from pmo.engine.schedule.calendars import DateAxis, TaskCalendar
from pmo.engine.schedule.cpm import Passes
from pmo.engine.schedule.network import Levels, Network


class CalendarSpecial:
    """The `cpm.Special` hook for own calendars and elapsed lags."""

    def __init__(self, network: Network, levels: Levels, axis: DateAxis,
                 calendars: dict[int, TaskCalendar]) -> None:
        self.network = network
        self.axis = axis
        self.calendars = calendars
        self.incoming: dict[int, list[int]] = defaultdict(list)
        self.outgoing: dict[int, list[int]] = defaultdict(list)
        forward = set(calendars)
        backward = set(calendars)
        for link in np.flatnonzero(network.elapsed | np.isin(network.succ, list(calendars))):
            forward.add(int(network.succ[link]))
            backward.add(int(network.pred[link]))
        for node in forward:
            self.incoming[node] = list(np.flatnonzero(network.succ == node))
        for node in backward:
            self.outgoing[node] = list(np.flatnonzero(network.pred == node))
        self.forward_nodes: dict[int, list[int]] = defaultdict(list)
        self.backward_nodes: dict[int, list[int]] = defaultdict(list)
        for node in sorted(forward):
            self.forward_nodes[int(levels.level[node])].append(node)
        for node in sorted(backward):
            self.backward_nodes[int(levels.level[node])].append(node)

    def _after(self, node: int, t: float, work: float) -> float:
        """`work` days of `node`'s calendar after `t` (before it when negative)."""
        calendar = self.calendars.get(node)
        if calendar is None:
            return t + work
        return calendar.add(t, work)

    def forward(self, node: int, passes: Passes) -> None:
        net, b, d = self.network, passes.bounds, float(passes.duration[node])
        es, ef = passes.early_start, passes.early_finish
        start = float(b.es_min[node])
        for link in self.incoming[node]:
            p, kind, lag = int(net.pred[link]), int(net.type[link]), float(net.lag[link])
            from_finish, to_finish = kind in (0, 2), kind in (2, 3)
            point = float(ef[p] if from_finish else es[p])
            if net.elapsed[link]:
                days = self.axis.index_to_elapsed(point, finish=from_finish) + lag
                point = self.axis.elapsed_to_index(days)
            elif lag:
                point = self._after(node, point, lag)
            bound = self._after(node, point, -d) if to_finish else point
            passes.link_bound[link] = bound
            start = max(start, bound)
        if not np.isnan(b.es_pin[node]):
            start = float(b.es_pin[node])
        calendar = self.calendars.get(node)
        if calendar is not None:
            start = calendar.start_at(start)
            es[node], ef[node] = start, (calendar.add(start, d) if d > 0 else start)
        else:
            es[node], ef[node] = start, start + d

    def backward(self, node: int, passes: Passes) -> None:
        net, d = self.network, float(passes.duration[node])
        ls, lf = passes.late_start, passes.late_finish
        finish = min(float(passes.bounds.lf_max[node]), passes.finish)
        for link in self.outgoing[node]:
            s, kind, lag = int(net.succ[link]), int(net.type[link]), float(net.lag[link])
            from_finish, to_finish = kind in (0, 2), kind in (2, 3)
            point = float(lf[s] if to_finish else ls[s])
            if net.elapsed[link]:
                days = self.axis.index_to_elapsed(point, finish=to_finish) - lag
                point = self.axis.elapsed_to_index(days)
                point = min(point, float(lf[s] if to_finish else ls[s]))
            elif lag:
                point = self._after(s, point, -lag)
            finish = min(finish, point if from_finish else self._after(node, point, d))
        calendar = self.calendars.get(node)
        if calendar is not None:
            finish = calendar.finish_at_or_before(finish)
            lf[node], ls[node] = finish, (calendar.add(finish, -d) if d > 0 else finish)
        else:
            lf[node], ls[node] = finish, finish - d
