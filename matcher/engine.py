"""The vectorised batch matcher: eligibility → relevance → ranking for many profiles at once.

Calls are indexed once (:class:`~matcher.relevance.CallIndex`); profiles are processed in
chunks so memory stays bounded whatever their number: per chunk, one matrix of need
scores (needs × calls) — the kind fit times the topic (BM25 weights gathered by term,
area tags, the company's subject for needs that name none, the call's openness for the
need) — folded into profile scores, masked by the eligibility rules, and cut to the best calls.

Scores are in 0–1 and comparable across profiles (no per-profile normalisation). With a
learned model (``model:`` in ``config/matching.yaml``, :mod:`matcher.learn`) the score is the
model's calibrated probability that an advisor would mention the call, and a call is worth
sending from the model's one cut on; without one, the hand-set combination decides, from the
threshold on and from a share of the profile's best eligible score on.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from hubb import clock
from hubb.profiles import Profile
from hubb.record import CallRecord
from hubb.taxonomy import Taxonomy
from hubb.vocab import Status
from matcher.config import MatchingConfig, load_matching_config
from matcher.eligibility import call_facts, eligible_mask, profile_facts, rule_masks
from matcher.relevance import CallIndex, NeedAnalyser, NeedQuery, fit_matrix, profile_sectors
from matcher.text import Analyzer

if TYPE_CHECKING:
    from matcher.learn import CallReference

#: at most this many of the centre's companies are the reference a company's fit to a call
#: is read against (an even sample by profile id beyond it; :meth:`Matcher.reference`)
REFERENCE_COMPANIES = 500


@dataclass
class Ranked:
    """One eligible call ranked for one profile."""

    call: int                 # index into the batch's records
    score: float
    rank: int
    need_scores: dict[int, float]
    worth_sending: bool
    upcoming: bool


@dataclass
class ProfileResult:
    profile: Profile
    ranked: list[Ranked] = field(default_factory=list)


def lexicon_for(taxonomy: Taxonomy, cfg: MatchingConfig, profiles: list[Profile]) -> list[str]:
    """Words compounds may be split into: signal words, kind words, the profiles' words."""
    words: list[str] = []
    for key in taxonomy.keys():
        words.extend(taxonomy[key].words)
    for kind in cfg.support_kinds.values():
        words.extend(kind.words)
    for need_kind in cfg.need_kinds.values():
        words.extend(need_kind.words)
    for p in profiles:
        words.extend(p.keywords)
        words.extend(n.text for n in p.needs)
    return words


class Matcher:
    """Ranks a batch of calls for profiles. Build once per batch of calls."""

    def __init__(self, records: list[CallRecord], profiles: list[Profile], taxonomy: Taxonomy,
                 cfg: MatchingConfig | None = None, analyzer: Analyzer | None = None):
        self.cfg = cfg or load_matching_config()
        self.taxonomy = taxonomy
        self.records = records
        self.analyzer = analyzer or Analyzer(lexicon_for(taxonomy, self.cfg, profiles))
        self.index = CallIndex(self.analyzer, records, taxonomy, self.cfg)
        self.fit = fit_matrix(self.cfg)
        self.needs = NeedAnalyser(self.analyzer, taxonomy, self.cfg)
        self._call_terms = [c.term_set() for c in self.index.calls]
        self._tie_keys = [(r.source, r.id) for r in records]
        from matcher.learn import configured

        self.model = configured(self.cfg)
        self._generic: frozenset[str] | None = None  # terms too common to explain a match
        self.last_evidence: tuple | None = None
        # the centre's companies, against which a company's fit to a call is also read
        # (matcher/learn.py: call_standing)
        self.population = list(profiles)
        self._reference: tuple[date, CallReference] | None = None

    # -- scoring ---------------------------------------------------------------------
    def _lexical(self, rows: list[NeedQuery]) -> np.ndarray:
        """Saturated BM25 of each query row against every call (rows × calls)."""
        C = self.index.n
        out = np.zeros((len(rows), C), dtype=np.float32)
        vocab: dict[str, int] = {}
        row_ids, term_ids = [], []
        for r, row in enumerate(rows):
            for t in row.terms:
                if t in self.index.df:
                    row_ids.append(r)
                    term_ids.append(vocab.setdefault(t, len(vocab)))
        if not term_ids:
            return out
        W = self.index.weight_matrix(vocab)                             # vocab × calls
        # rows × vocab query counts times the weights: one BLAS product instead of
        # gathering a calls-wide row per (query row, term) and summing them
        Q = np.zeros((len(rows), len(vocab)), dtype=np.float32)
        np.add.at(Q, (np.asarray(row_ids), np.asarray(term_ids)), 1.0)
        out = Q @ W
        c = self.cfg.lexical_saturation
        return out / (out + c)

    def _need_scores(self, rows: list[NeedQuery],
                     starts: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each query row's need score against every call, its lexical score and its kind fit.

        Conjunctive: the right kind of support ON the need's topic,
        ``kind × (kind_gate + (1 − kind_gate) × topic)``, where topic is the best of the
        need's own words in the call (lexical), the call's tag for the need's area (subject
        areas only), the company's subject (for a need in a kind or activity area) and the
        credit of a call open to the need. An R&D call on batteries scores less for an
        R&D need on sensors than one on sensors, and the right kind alone stays below the
        sending threshold.
        """
        cfg = self.cfg
        lex = self._lexical(rows)
        areas = np.array([r.area for r in rows])
        area = np.zeros_like(lex)
        # an area made of funding words ("finansiering") tells the kind, not the topic; an
        # activity area ("innovation": research, development, test) tags every R&D call
        # whatever it is about, so neither is topic evidence
        no_subject = [self.index.areas.index(a) for a in (*cfg.kind_areas, *cfg.activity_areas)
                      if a in self.index.areas]
        has_area = (areas >= 0) & ~np.isin(areas, no_subject)
        area[has_area] = self.index.area[:, areas[has_area]].T
        asks = np.stack([r.kinds for r in rows])                       # rows × K
        serves = (asks[:, :, None] * self.fit[None, :, :]).max(axis=1)  # rows × K (call kinds)
        # needs ask for few distinct mixes of kinds: score each mix once, then gather
        mixes, which = np.unique(serves, axis=0, return_inverse=True)
        kind = (mixes[:, None, :] * self.index.kind[None, :, :]).max(axis=2)[which.ravel()]
        topic = np.maximum(lex, area)
        if cfg.profile_topic and starts is not None:
            # a need in a kind or activity area ("finansiering", "innovation") names no
            # subject of its own: its subject is the company's — what its other needs and
            # its keywords are about (an R&D need of a company whose other needs are about
            # circular production is served by an R&D call on circular production)
            # the max over each profile's rows, slot by slot (profiles have few rows;
            # faster than maximum.reduceat along axis 0)
            lasts = np.r_[starts[1:], len(rows)] - 1
            subject = topic[starts]                                             # P × C
            for j in range(1, int((lasts - starts).max()) + 1):
                subject = np.maximum(subject, topic[np.minimum(starts + j, lasts)])
            owner = np.repeat(np.arange(len(starts)), lasts - starts + 1)
            borrow = np.isin(areas, no_subject)
            topic[borrow] = np.maximum(topic[borrow], cfg.profile_topic * subject[owner[borrow]])
        if cfg.open_call_topic:
            # open FOR this need: the call's title and summary name no subject other than the
            # need's own area ("Innovation projects in SMEs" is open to an R&D need, not to a
            # web shop)
            subj = self.index.subject                                           # C × A
            first = subj.max(axis=1) if self.index.n else np.zeros(0, dtype=np.float32)
            if subj.shape[1] > 1 and self.index.n:
                second = np.partition(subj, -2, axis=1)[:, -2]
                own = areas[:, None] == subj.argmax(axis=1)[None, :]
                openness = 1.0 - np.where(own, second[None, :], first[None, :])
            else:
                openness = np.broadcast_to(1.0 - first[None, :], topic.shape)
            topic = np.maximum(topic, cfg.open_call_topic * openness)
            # a call about an activity need's area and nothing else serves it fully
            act = [self.index.areas.index(a) for a in cfg.activity_areas if a in self.index.areas]
            rows_act = np.isin(areas, act)
            if rows_act.any():
                own_tag = self.index.area[:, areas[rows_act]].T
                topic[rows_act] = np.maximum(topic[rows_act], own_tag * openness[rows_act])
        g = cfg.kind_gate
        return kind * (g + (1.0 - g) * topic), lex, kind

    def reference(self, as_of: date | None = None) -> CallReference:
        """The calls' scores over the reference companies: the population, or an even sample of
        REFERENCE_COMPANIES of it by profile id, so that statistics over 10,000 companies cost a
        twentieth of scoring them and do not depend on their order (hand-set scores; computed
        once per day ``as_of``)."""
        from matcher.learn import CallReference

        day = as_of or clock.today()
        if self._reference is None or self._reference[0] != day:
            population = sorted(self.population, key=lambda p: p.id)
            sample = population[::max(1, math.ceil(len(population) / REFERENCE_COMPANIES))]
            kept = self.last_evidence  # the caller's evidence is for its own profiles
            scores = self.score(sample, day)[0] if sample else np.zeros((0, self.index.n), dtype=np.float32)
            self.last_evidence = kept
            self._reference = (day, CallReference.from_scores(scores.astype(np.float32)))
        return self._reference[1]

    def score(self, profiles: list[Profile], as_of: date | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Profile scores (profiles × calls) and each need's scores (profiles × needs × calls);
        ``as_of`` (default today) is the day a company's age is taken on."""
        rows = self.needs.queries(profiles, as_of)
        cfg = self.cfg
        P = len(profiles)
        counts = np.array([len(p.needs) for p in profiles])
        width = int(counts.max()) if P else 1
        # rows are [needs of profile 0…, keywords of profile 0, needs of profile 1…]: pad
        # each profile's needs to `width` slots (index -1, weight 0) and fold them at once
        firsts = np.r_[0, np.cumsum(counts + 1)[:-1]]
        factor = None
        if self.index.sectors and (cfg.sector_bonus or cfg.sector_penalty):
            # a call written for an industry suits that industry's companies
            # (companies share few sector sets: compute each set once, then gather)
            sets, which = np.unique(profile_sectors(profiles, cfg), axis=0, return_inverse=True)
            tags = self.index.sector                                           # C × S
            match = (sets[:, None, :] * tags[None, :, :]).max(axis=2)
            other = ((1.0 - sets)[:, None, :] * tags[None, :, :]).max(axis=2)
            factor = 1.0 + cfg.sector_bonus * match - cfg.sector_penalty * other * (1.0 - match)
            factor = factor[which.ravel()]
        needs, lex, kind = self._need_scores(rows, firsts if P else None)
        # the learned model's features reuse this batch's evidence (matcher/learn.py)
        self.last_evidence = (profiles, rows, firsts, needs, lex, kind)
        slot = np.arange(width)
        idx = np.where(slot[None, :] < counts[:, None], firsts[:, None] + slot[None, :], -1)
        prio = np.array([r.priority for r in rows], dtype=np.float32)
        valid = idx >= 0
        per_need = needs[np.where(valid, idx, 0)]                       # P × width × C
        weighted = per_need * np.where(valid, prio[np.where(valid, idx, 0)], 0.0)[:, :, None]
        best = weighted.max(axis=1)
        total = weighted.sum(axis=1)
        many = (counts > 1)[:, None]
        others = np.where(many, (total - best) / np.maximum(counts - 1, 1)[:, None], best)
        kw = lex[firsts + counts]
        base = 1.0 - cfg.others_share - cfg.keywords_weight
        scores = base * best + cfg.others_share * others + cfg.keywords_weight * kw
        if factor is not None:
            scores = scores * factor
        return np.clip(scores, 0.0, 1.0), per_need

    def _excluded(self, profiles: list[Profile]) -> np.ndarray | None:
        if not any(p.exclude for p in profiles):
            return None
        out = np.zeros((len(profiles), self.index.n), dtype=bool)
        for p, profile in enumerate(profiles):
            for word in profile.exclude:
                for lang in ("sv", "en"):
                    terms = self.analyzer.phrase_terms(word, lang)
                    if not terms:
                        continue
                    for c, present in enumerate(self._call_terms):
                        if self.records[c].language == lang and all(t in present for t in terms):
                            out[p, c] = True
        return out

    def explain(self, profile: Profile, ranked: Ranked, as_of: date) -> tuple[dict, list[str]]:
        """The reasons (sv, en, need scores) and served areas of one ranked call."""
        from db.calls import effective_status
        from matcher.reasons import areas_served, build_reasons, generic_terms

        if self._generic is None:
            self._generic = generic_terms(self.index.df, self.index.n)
        record = self.records[ranked.call]
        reasons = build_reasons(profile, record, ranked.need_scores, effective_status(record, as_of),
                                self.analyzer, self._call_terms[ranked.call], self.taxonomy, self.cfg,
                                self._generic)
        return reasons, areas_served(profile, ranked.need_scores, self.cfg)

    # -- ranking ---------------------------------------------------------------------
    def rank(self, profiles: list[Profile], as_of: date, *, top: int | None = None,
             floor: float | None = None, chunk: int = 256) -> Iterator[ProfileResult]:
        """Each profile's eligible calls from ``floor`` on, best first, at most ``top``.

        Defaults: ``store_floor`` and ``store_max`` of the configuration.
        """
        cfg = self.cfg
        floor = cfg.store_floor if floor is None else floor
        top = cfg.store_max if top is None else top
        cf = call_facts(self.records, as_of)
        upcoming = np.array([s is Status.UPCOMING for s in cf.status], dtype=bool)
        for start in range(0, len(profiles), chunk):
            part = profiles[start:start + chunk]
            scores, per_need = self.score(part, as_of)
            masks = rule_masks(profile_facts(part, as_of), cf, cfg.startup_max_age_years,
                               self._excluded(part))
            eligible = eligible_mask(masks)
            if self.model is not None:
                # calibrated: one cut means the same for every company
                scores = self.model.score(self, part, scores).astype(np.float64)
                cut = np.full(len(part), self.model.threshold)
            else:
                # worth sending: at or above the threshold AND close enough to the profile's
                # best eligible call — hand-set score levels differ between profiles (broad
                # needs score higher everywhere), so a relative cut keeps them comparable
                cut = np.maximum(cfg.threshold, cfg.relative_threshold * np.where(
                    eligible, scores, 0.0).max(axis=1, initial=0.0))
            ok = eligible & (scores >= floor)
            scores = np.where(ok, scores, -1.0)
            k = min(top, scores.shape[1])
            if k == 0:
                for profile in part:
                    yield ProfileResult(profile)
                continue
            best = np.argpartition(-scores, k - 1, axis=1)[:, :k] if k < scores.shape[1] else \
                np.tile(np.arange(scores.shape[1]), (len(part), 1))
            keys = self._tie_keys
            for p, profile in enumerate(part):
                cand = best[p]
                cand = cand[scores[p, cand] >= 0]
                values = np.round(scores[p, cand], 4).tolist()
                needs_at = np.round(per_need[p, : len(profile.needs)][:, cand], 4).T.tolist()
                # best first; ties by source and id so runs are repeatable
                order = sorted(range(len(cand)), key=lambda j: (-values[j], keys[cand[j]]))
                ranked = [
                    Ranked(call=int(cand[j]), score=values[j], rank=i + 1,
                           need_scores=dict(enumerate(needs_at[j])),
                           worth_sending=values[j] >= round(float(cut[p]), 4),
                           upcoming=bool(upcoming[cand[j]]))
                    for i, j in enumerate(order)
                ]
                yield ProfileResult(profile, ranked)
