"""The learned combination: evidence features per (profile, call) → one calibrated score.

The hand-set matcher (:mod:`matcher.engine`) computes evidence for every pair — per-need
scores (kind × topic), the need's own words in the call (saturated BM25F), the call's tag for
the need's area, the company's keywords, sector fit, the call's openness. :func:`features`
exposes them as one matrix (profiles × calls × features, vectorised like the engine);
:func:`train` fits a logistic model on labelled pairs whose target is "an advisor would
mention this call to this company" (grade ≥ 1), so a score is a calibrated probability on one
scale for every company and the sending cut is one number. (Measured in the cross-validation,
docs/matching.md: the graded target grade/3 ranks as well but its cut transfers worse.) :class:`LearnedModel`
is the small versioned JSON file (``config/matcher_model.json``) that
``bench/train_matcher.py`` writes and the engine loads.

Two rules sit on top of the model and are never learned:

- words before area: a pair with no evidence from the need's own words or the company's
  keywords is at most marginal (score ≤ ``marginal``), whatever its area tag;
- closed sectors: a call about a sector whose calls are by rule for that sector's
  companies (``closed_sectors`` of ``config/matching.yaml``: food, agriculture, culture…)
  is at most marginal for a company outside it.

Eligibility stays the hard rules of :mod:`matcher.eligibility`; the model only ranks what
they let through.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from hubb.profiles import Profile

MODEL_VERSION = 1
MODEL_FILE = Path(__file__).resolve().parent.parent / "config" / "matcher_model.json"

# each feature in 0–1 (or a small factor); their order is the model file's order
FEATURES = (
    "heuristic",      # the hand-set combination of the engine (config/matching.yaml)
    "best_need",      # the best priority-weighted need score (kind × topic)
    "other_needs",    # the mean of the other needs' weighted scores
    "keywords",       # the company's keywords in the call (saturated BM25F)
    "need_words",     # the best need's own words in the call, any need
    "high_words",     # the own words of a high-priority need
    "area_tag",       # the call's tag for a need's (subject) area, best need
    "kind_fit",       # the right kind of support for a need, best need
    "sector_match",   # the call is written for the company's industry
    "sector_other",   # … for another industry (and not the company's)
    "openness",       # the call names no particular subject
    "specificity",    # the heuristic against the call's mean over the centre's companies, in sds
    "standing",       # the share of the centre's companies the call fits less well
)
# … then one feature per kind of support of config/matching.yaml: the call's tag for that
# kind ("kind:rd_project", "kind:iuc_offer"), so the model learns how often each kind of
# support is worth a company's time at all (research consortia rarely, investment aid
# often), whatever the need


#: the feature sets a training run chooses from (with the ridge strength, by cross-validation
#: inside its training pairs): the evidence alone, or with the call's kinds (None: all)
FEATURE_SETS: dict[str, tuple[str, ...] | None] = {"evidence": FEATURES, "evidence and kinds": None}


def feature_names(cfg) -> tuple[str, ...]:
    """The model's features for this configuration: the evidence, then the call's kinds."""
    return FEATURES + tuple(f"kind:{k}" for k in cfg.kinds)
# a pair counts as having word evidence from this saturated-BM25F level on (a stray generic
# word gives ≈ 0.02–0.05 after saturation; one distinctive word in the summary gives ≥ 0.1)
WORD_EVIDENCE = 0.08


def features(matcher, profiles: list[Profile], heuristic: np.ndarray | None = None,
             as_of: date | None = None) -> np.ndarray:
    """profiles × calls × len(feature_names(cfg)), float32: the evidence the engine computes
    (for training and evaluation; scoring uses the columns without building this array).

    ``heuristic``: the engine's hand-set scores of these profiles, when already computed;
    ``as_of``: the day the evidence is for (default today)."""
    P, C = len(profiles), matcher.index.n
    columns = feature_columns(matcher, profiles, heuristic, as_of)
    out = np.zeros((P, C, len(columns)), dtype=np.float32)  # each column broadcast into place
    for k, col in enumerate(columns):
        out[:, :, k] = col
    return out


def feature_columns(matcher, profiles: list[Profile], heuristic: np.ndarray | None = None,
                    as_of: date | None = None) -> list[np.ndarray]:
    """The features as one array per feature, each profiles × calls or broadcastable to it
    (a call's tags are 1 × calls), in the order of :func:`feature_names`."""
    m = matcher
    cfg = m.cfg
    P, C = len(profiles), m.index.n
    if not P or not C:
        return [np.zeros((P, C), dtype=np.float32) for _ in feature_names(cfg)]
    if heuristic is None or m.last_evidence is None or m.last_evidence[0] is not profiles:
        heuristic, _ = m.score(profiles, as_of)
    specificity, standing = call_standing(m, heuristic, as_of)
    _, rows, firsts, needs, lex, kindfit = m.last_evidence
    counts = np.array([len(p.needs) for p in profiles])
    prio = np.array([r.priority for r in rows], dtype=np.float32)
    areas = np.array([r.area for r in rows])
    no_subject = [m.index.areas.index(a) for a in (*cfg.kind_areas, *cfg.activity_areas)
                  if a in m.index.areas]
    area = np.zeros_like(lex)
    has_area = (areas >= 0) & ~np.isin(areas, no_subject)
    area[has_area] = m.index.area[:, areas[has_area]].T
    high = max(cfg.priority_weights.values()) if cfg.priority_weights else 1.0
    sectors = None
    if m.index.sectors:
        from matcher.relevance import profile_sectors

        # companies share few sector sets: compute each set once, then gather (as the engine)
        sets, which = np.unique(profile_sectors(profiles, cfg), axis=0, return_inverse=True)
        tags = m.index.sector                                                   # C × S
        match = (sets[:, None, :] * tags[None, :, :]).max(axis=2)
        other = ((1.0 - sets)[:, None, :] * tags[None, :, :]).max(axis=2)
        which = which.ravel()
        sectors = (match[which], (other * (1.0 - match))[which])
    # each profile's needs padded to `width` slots (index -1 → weight 0), as the engine folds them
    width = int(counts.max())
    slot = np.arange(width)
    valid = slot[None, :] < counts[:, None]                                     # P × W
    idx = np.where(valid, firsts[:, None] + slot[None, :], 0)
    w = np.where(valid[:, :, None], needs[idx] * prio[idx][:, :, None], 0.0)    # P × W × C
    best = w.argmax(axis=1)[:, None, :]                                         # P × 1 × C
    top = np.take_along_axis(w, best, axis=1)[:, 0]
    many = (counts > 1)[:, None]
    lex_n = np.where(valid[:, :, None], lex[idx], 0.0)
    is_high = valid & (prio[idx] >= high)
    # the best need's row per (profile, call): gather P × C values, not P × W × C
    best_row = np.take_along_axis(idx, best[:, 0, :], axis=1)                  # P × C
    cols = np.arange(C)[None, :]
    zero = np.zeros((1, C), dtype=np.float32)
    columns = [
        heuristic,
        top,
        np.where(many, (w.sum(axis=1) - top) / np.maximum(counts - 1, 1)[:, None], top),
        lex[firsts + counts],
        lex_n.max(axis=1),
        np.where(is_high[:, :, None], lex_n, 0.0).max(axis=1),
        area[best_row, cols],
        kindfit[best_row, cols],
        sectors[0] if sectors is not None else zero,
        sectors[1] if sectors is not None else zero,
        m.index.openness[None, :],
        specificity,
        standing,
    ]
    columns += [m.index.kind[None, :, k] for k in range(m.index.kind.shape[1])]
    return columns


#: added to a call's spread over the companies, so a call that fits every company alike
#: (spread ≈ 0) gives specificity ≈ 0, not a division by zero
SPREAD_FLOOR = 0.05
#: the resolution of standing: scores are compared to the reference in steps of 1/STANDING_BINS
STANDING_BINS = 1024


@dataclass
class CallReference:
    """Each call's scores over the reference companies (:meth:`matcher.engine.Matcher.reference`),
    kept as what the features need: mean, spread and the share of companies below each score."""

    mean: np.ndarray      # 1 × calls
    spread: np.ndarray    # 1 × calls
    below: np.ndarray     # calls × (STANDING_BINS + 1): share of companies scoring < b / STANDING_BINS

    @classmethod
    def from_scores(cls, scores: np.ndarray) -> CallReference:
        S, C = scores.shape
        if not S:
            zero = np.zeros((1, C), dtype=np.float32)
            return cls(zero, zero, np.zeros((C, STANDING_BINS + 1), dtype=np.float32))
        edges = np.arange(STANDING_BINS + 1, dtype=np.float64) / STANDING_BINS
        # one search for all calls: scores lie in 0–1, so shifting call c's column by 2c keeps
        # the columns apart in one sorted array (and the edges, call by call, in sorted order)
        shift = 2.0 * np.arange(C, dtype=np.float64)
        ordered = (np.sort(scores, axis=0).astype(np.float64) + shift[None, :]).T.ravel()
        at = np.searchsorted(ordered, (edges[None, :] + shift[:, None]).ravel(), side="left")
        below = (at.reshape(C, -1) - S * np.arange(C)[:, None]) / S
        return cls(scores.mean(axis=0, keepdims=True), scores.std(axis=0, keepdims=True),
                   below.astype(np.float32))

    def standing(self, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(specificity, standing) of scores ``h`` (profiles × calls), see :func:`call_standing`."""
        specificity = ((h - self.mean) / (self.spread + SPREAD_FLOOR)).astype(np.float32)
        C = self.below.shape[0]
        step = np.clip((h * STANDING_BINS).astype(np.int64), 0, STANDING_BINS)
        return specificity, np.take(self.below.ravel(), step + (np.arange(C) * (STANDING_BINS + 1))[None, :])


def call_standing(matcher, heuristic: np.ndarray, as_of: date | None) -> tuple[np.ndarray, np.ndarray]:
    """How each company stands among the centre's companies for each call (profiles × calls,
    from their hand-set scores ``heuristic``): *specificity* = (score − the call's mean score)
    / (its spread + SPREAD_FLOOR), and *standing* = the share of the reference companies
    (:meth:`matcher.engine.Matcher.reference`) the call fits less well.

    A call that suits every company about equally (a general loan, a check open to any SME)
    says little about this one; a call that fits this company better than most is what its
    advisor would mention. Like a term's IDF over the calls, the statistics use no labels."""
    return matcher.reference(as_of).standing(np.asarray(heuristic, dtype=np.float32))


def closed_sector_mask(matcher, profiles: list[Profile]) -> np.ndarray:
    """profiles × calls: True where the call is about a closed sector the company is not in."""
    cfg = matcher.cfg
    P, C = len(profiles), matcher.index.n
    names = [s for s in cfg.closed_sectors if s in matcher.index.sectors]
    if not names or not P or not C:
        return np.zeros((P, C), dtype=bool)
    from matcher.relevance import profile_sectors

    cols = [matcher.index.sectors.index(s) for s in names]
    sets = profile_sectors(profiles, cfg)[:, cols]                              # P × S'
    tags = matcher.index.sector[:, cols] >= cfg.closed_sector_tag               # C × S'
    # about a closed sector, and the company in none of the call's closed sectors
    about = tags.any(axis=1)
    inside = (sets[:, None, :] * tags[None, :, :]).any(axis=2)
    return about[None, :] & ~inside


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


@dataclass
class LearnedModel:
    """A logistic model over standardised features, with its sending cut and provenance."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    marginal: float = 1.0 / 3.0
    meta: dict = field(default_factory=dict)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Scores in 0–1 of feature rows (…, F), rounded to 6 places so runs repeat.

        The standardisation is folded into the weights (w = coef / scale, b = intercept −
        mean · w) so a batch is one float32 matrix product, not a float64 copy of it: at
        10,000 × 2,000 pairs that is the difference between 0.1 and 4 seconds."""
        w, b = self._folded()
        z = X.astype(np.float32, copy=False) @ w + b
        return np.round(_sigmoid(z.astype(np.float64)), 6)

    def _folded(self) -> tuple[np.ndarray, np.float32]:
        """Weights and bias on the raw features: w = coef / scale, b = intercept − mean · w."""
        w = self.coef / self.scale
        return w.astype(np.float32), np.float32(self.intercept - np.dot(self.mean, w))

    def score(self, matcher, profiles: list[Profile], heuristic: np.ndarray | None = None) -> np.ndarray:
        """profiles × calls: the model's score with the two rules applied — Σ wₖ·columnₖ over
        the feature columns, with no profiles × calls × features array built."""
        columns = feature_columns(matcher, profiles, heuristic)
        w, b = self._folded()
        z = np.full((len(profiles), matcher.index.n), b, dtype=np.float32)
        for k, col in enumerate(columns):
            z += w[k] * col
        s = np.round(_sigmoid(z.astype(np.float64)), 6)
        words = np.maximum(columns[FEATURES.index("need_words")], columns[FEATURES.index("keywords")])
        return capped(s, words, closed_sector_mask(matcher, profiles), self.marginal)

    # -- the file ---------------------------------------------------------------------
    def to_json(self) -> dict:
        return {
            "version": MODEL_VERSION, "kind": f"logistic regression on grade >= {TARGET_GRADE}",
            "features": list(self.features),
            "mean": [round(float(v), 8) for v in self.mean],
            "scale": [round(float(v), 8) for v in self.scale],
            "coefficients": [round(float(v), 8) for v in self.coef],
            "intercept": round(float(self.intercept), 8),
            "threshold": round(float(self.threshold), 6), "marginal": round(float(self.marginal), 6),
            **self.meta,
        }

    @classmethod
    def from_json(cls, data: dict) -> LearnedModel:
        if data.get("version") != MODEL_VERSION:
            raise ValueError(f"matcher model version {data.get('version')!r}, expected {MODEL_VERSION}")
        names = tuple(data["features"])
        if names[:len(FEATURES)] != FEATURES:
            raise ValueError(f"matcher model features {list(names)} differ from the code's {list(FEATURES)}")
        meta = {k: v for k, v in data.items() if k not in {
            "version", "kind", "features", "mean", "scale", "coefficients", "intercept",
            "threshold", "marginal"}}
        return cls(names, np.array(data["mean"], dtype=np.float64), np.array(data["scale"], dtype=np.float64),
                   np.array(data["coefficients"], dtype=np.float64), float(data["intercept"]),
                   float(data["threshold"]), float(data.get("marginal", 1 / 3)), meta)

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> LearnedModel:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


def apply_rules(scores: np.ndarray, X: np.ndarray, closed: np.ndarray, marginal: float) -> np.ndarray:
    """Words before area, closed sectors: such pairs are at most marginal (X: features array)."""
    words = np.maximum(X[..., FEATURES.index("need_words")], X[..., FEATURES.index("keywords")])
    return capped(scores, words, closed, marginal)


def capped(scores: np.ndarray, words: np.ndarray, closed: np.ndarray, marginal: float) -> np.ndarray:
    """``scores`` with pairs of no word evidence (``words`` below WORD_EVIDENCE) or of a closed
    sector held at ``marginal``."""
    cap = (words < WORD_EVIDENCE) | closed
    return np.where(cap, np.minimum(scores, marginal), scores)


def fit(X: np.ndarray, grades: np.ndarray, *, l2: float = 1.0, weights: np.ndarray | None = None,
        iterations: int = 50) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Logistic regression of grade/3 on standardised X by Newton steps (deterministic).

    Returns (mean, scale, coef, intercept). ``l2`` is the ridge on the coefficients (not the
    intercept); ``weights`` per pair (default: must-see and relevant pairs count more, as
    nDCG's gains do).
    """
    X = X.astype(np.float64)
    y = np.clip(grades.astype(np.float64) / 3.0, 0, 1)
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-6] = 1.0
    Z = np.c_[(X - mean) / scale, np.ones(len(X))]
    w = np.ones(len(X)) if weights is None else weights.astype(np.float64)
    beta = np.zeros(Z.shape[1])
    reg = np.full(Z.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = _sigmoid(Z @ beta)
        g = Z.T @ (w * (p - y)) + reg * beta
        H = (Z * (w * p * (1 - p))[:, None]).T @ Z + np.diag(reg + 1e-9)
        step = np.linalg.solve(H, g)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return mean, scale, beta[:-1], float(beta[-1])


#: the grade from which a pair counts as worth mentioning (the model's binary target)
TARGET_GRADE = 1


def train(X: np.ndarray, grades: np.ndarray, names: tuple[str, ...], *, l2: float = 1.0,
          use: tuple[str, ...] | None = None, threshold: float = 0.0,
          meta: dict | None = None) -> LearnedModel:
    """A model fitted to labelled feature rows (N × F, named ``names``) and their grades (N),
    deterministic.

    ``use``: the features the model may weigh (default all); the others get weight 0, so the
    file keeps every feature of the configuration and the choice of features is the model's
    own (made, like L2, by cross-validation inside the training pairs)."""
    target = np.where(grades >= TARGET_GRADE, 3.0, 0.0)
    cols = np.array([use is None or n in use for n in names])
    mean, scale = np.zeros(len(names)), np.ones(len(names))
    coef = np.zeros(len(names))
    mean[cols], scale[cols], coef[cols], b = fit(X[:, cols], target, l2=l2)
    used = {} if use is None else {"features_used": [n for n in names if n in use]}
    return LearnedModel(tuple(names), mean, scale, coef, b, threshold=threshold,
                        meta={"l2": l2, **used, **(meta or {})})


def configured(cfg) -> LearnedModel | None:
    """The model ``config/matching.yaml`` names (``model:``), from the config dir or the project's."""
    if not cfg.model:
        return None
    from hubb.settings import PROJECT_ROOT, config_dir

    path = Path(cfg.model)
    if not path.is_absolute():
        here = config_dir() / path
        path = here if here.is_file() else PROJECT_ROOT / "config" / path
    try:
        model = LearnedModel.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ValueError(f"{path}: matcher model: {exc}") from exc
    if model.features != feature_names(cfg):
        raise ValueError(f"{path}: matcher model: trained on the features {list(model.features)}, the "
                         f"configuration has {list(feature_names(cfg))}: run python bench/train_matcher.py")
    return model


def data_hash(pairs: list[tuple[str, str, int]]) -> str:
    """A short hash of the labelled pairs a model was trained on (profile, call, grade)."""
    h = hashlib.sha256()
    for pid, cid, g in sorted(pairs):
        h.update(f"{pid}\t{cid}\t{g}\n".encode())
    return h.hexdigest()[:16]
