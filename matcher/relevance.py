"""Relevance features of calls and needs, as arrays the batch engine multiplies.

- calls: BM25 weights per term over title, summary and text (field-weighted term
  frequencies, BM25F style), need-area tags from ``config/taxonomy.yaml`` signal words and
  support-kind tags from the funding vocabulary of ``config/matching.yaml``;
- needs: query terms (the need's text; the profile's keywords form one more query),
  the need's area, and the kinds of support it asks for (its own words, else its area).

A phrase of several words (a signal word like "digital tvilling") counts where all its
terms occur in the same field.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from hubb.profiles import Profile
from hubb.record import CallRecord
from hubb.taxonomy import Taxonomy
from matcher.config import MatchingConfig
from matcher.text import Analyzer

FIELDS = ("title", "summary", "text")


@dataclass
class AnalysedCall:
    """One call's terms per field."""

    fields: dict[str, list[str]]

    def counter(self, weights: dict[str, float]) -> tuple[Counter, float]:
        tf: Counter = Counter()
        length = 0.0
        for name, terms in self.fields.items():
            w = weights[name]
            length += w * len(terms)
            for t in terms:
                tf[t] += w
        return tf, length

    def term_set(self) -> set[str]:
        out: set[str] = set()
        for terms in self.fields.values():
            out.update(terms)
        return out


def analyse_call(analyzer: Analyzer, record: CallRecord) -> AnalysedCall:
    lang = record.language
    return AnalysedCall({
        "title": analyzer.terms(record.title, lang),
        "summary": analyzer.terms(record.summary, lang),
        "text": analyzer.terms(record.text, lang),
    })


def phrase_table(analyzer: Analyzer, groups: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Signal phrases of each group (area or kind) as term tuples, in both languages' stemming."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for key, words in groups.items():
        seen: dict[tuple[str, ...], None] = {}
        for word in words:
            for lang in ("sv", "en"):
                terms = tuple(analyzer.phrase_terms(word, lang))
                if terms:
                    seen[terms] = None
        table[key] = list(seen)
    return table


def tag_strength(call: AnalysedCall, phrases: list[tuple[str, ...]], field_weights: dict[str, float],
                 saturation: float) -> tuple[float, int]:
    """0–1 strength of a group's signal phrases in a call, and the number of distinct hits.

    Each distinct phrase counts once per field (weighted by the field): a call that says
    "robot" forty times is not forty times about robots.
    """
    hits = 0.0
    distinct = 0
    sets = {name: set(terms) for name, terms in call.fields.items()}
    for phrase in phrases:
        found = False
        for name, present in sets.items():
            if all(t in present for t in phrase):
                hits += field_weights[name]
                found = True
        distinct += found
    return 1.0 - math.exp(-hits / saturation), distinct


class CallIndex:
    """BM25 statistics, area tags and kind tags of a batch of calls."""

    def __init__(self, analyzer: Analyzer, records: list[CallRecord], taxonomy: Taxonomy,
                 cfg: MatchingConfig):
        self.records = records
        self.cfg = cfg
        self.analyzer = analyzer
        fw = cfg.fields.model_dump()
        self.field_weights = fw
        self.calls = [analyse_call(analyzer, r) for r in records]
        self.areas = taxonomy.keys()
        self.kinds = cfg.kinds
        self.area_phrases = phrase_table(analyzer, {k: taxonomy[k].words for k in self.areas})
        self.kind_phrases = phrase_table(analyzer, {k: v.words for k, v in cfg.support_kinds.items()})
        C = len(records)
        self.area = np.zeros((C, len(self.areas)), dtype=np.float32)
        self.kind = np.zeros((C, len(self.kinds)), dtype=np.float32)
        self.tf: list[Counter] = []
        lengths = np.zeros(C)
        df: Counter = Counter()
        tw = cfg.tag_fields.model_dump()
        for i, call in enumerate(self.calls):
            tf, length = call.counter(fw)
            self.tf.append(tf)
            lengths[i] = length
            df.update(tf.keys())
            for a, key in enumerate(self.areas):
                self.area[i, a] = tag_strength(call, self.area_phrases[key], tw, cfg.area_saturation)[0]
            for k, key in enumerate(self.kinds):
                self.kind[i, k] = tag_strength(call, self.kind_phrases[key], tw, cfg.kind_saturation)[0]
        # focus: a call tagged with every area is about none in particular, so each area's
        # tag is scaled by its share of the call's strongest tag
        if C:
            top = self.area.max(axis=1, keepdims=True)
            share = np.divide(self.area, top, out=np.zeros_like(self.area), where=top > 0)
            self.area = self.area * np.sqrt(share) if cfg.area_focus else self.area
        self.df = df
        self.lengths = lengths
        self.avgdl = float(lengths.mean()) if C else 1.0
        self.n = C

    def idf(self, term: str) -> float:
        d = self.df.get(term, 0)
        return math.log(1.0 + (self.n - d + 0.5) / (d + 0.5))

    def weight_matrix(self, vocab: dict[str, int]) -> np.ndarray:
        """BM25 term weights, terms of ``vocab`` × calls (float32)."""
        k1, b = self.cfg.bm25.k1, self.cfg.bm25.b
        W = np.zeros((len(vocab), self.n), dtype=np.float32)
        idf = {t: self.idf(t) for t in vocab}
        for i, tf in enumerate(self.tf):
            norm = k1 * (1 - b + b * self.lengths[i] / self.avgdl)
            for term, f in tf.items():
                row = vocab.get(term)
                if row is not None:
                    W[row, i] = idf[term] * f * (k1 + 1) / (f + norm)
        return W


@dataclass
class NeedQuery:
    """One query row: a need of a profile, or the profile's keywords (``need`` = -1)."""

    profile: int
    need: int
    terms: list[str]
    area: int          # index into the taxonomy's areas, -1 for keywords
    priority: float
    kinds: np.ndarray  # what the need asks for, per support kind, 0–1


def need_queries(analyzer: Analyzer, profiles: list[Profile], taxonomy: Taxonomy,
                 cfg: MatchingConfig, offset: int = 0) -> list[NeedQuery]:
    areas = taxonomy.keys()
    kinds = cfg.kinds
    need_kind_phrases = phrase_table(analyzer, {k: v.words for k, v in cfg.need_kinds.items()})
    rows: list[NeedQuery] = []
    for p_i, profile in enumerate(profiles, start=offset):
        for n_i, need in enumerate(profile.needs):
            terms = analyzer.terms(need.text, "sv")
            present = set(terms)
            asks = np.zeros(len(kinds), dtype=np.float32)
            for k, key in enumerate(kinds):
                asks[k] = cfg.area_kinds.get(need.area, {}).get(key, 0.0)
                if any(all(t in present for t in ph) for ph in need_kind_phrases.get(key, ())):
                    asks[k] = 1.0
            rows.append(NeedQuery(p_i, n_i, list(dict.fromkeys(terms)),
                                  areas.index(need.area) if need.area in areas else -1,
                                  cfg.priority_weights[need.priority], asks))
        kw_terms: list[str] = []
        for word in profile.keywords:
            kw_terms.extend(analyzer.phrase_terms(word, "sv"))
        rows.append(NeedQuery(p_i, -1, list(dict.fromkeys(kw_terms)), -1, 1.0,
                              np.zeros(len(kinds), dtype=np.float32)))
    return rows


def fit_matrix(cfg: MatchingConfig) -> np.ndarray:
    """How well each call kind (columns) serves each need kind (rows)."""
    kinds = cfg.kinds
    F = np.zeros((len(kinds), len(kinds)), dtype=np.float32)
    for j, need_kind in enumerate(kinds):
        F[j, j] = 1.0
        for call_kind, value in cfg.kind_fit.get(need_kind, {}).items():
            F[j, kinds.index(call_kind)] = value
    if "iuc_offer" in kinds:
        F[:, kinds.index("iuc_offer")] = np.maximum(F[:, kinds.index("iuc_offer")], cfg.iuc_offer_fit)
    return F
