"""Worst-case inputs for every Swedish parser: prints the seconds each parser takes on long
adversarial tokens (letters, digits, digit groups, repeated cue words). A regex that backtracks
catastrophically shows as seconds here where the others take milliseconds."""

from __future__ import annotations

import time
from datetime import date

from hubb.swedish import amounts, dates, eligibility, regions

N = 20_000
INPUTS = {
    "letters": "a" * N,
    "letters+företag": "a" * N + "företag",
    "swedish letters": "åäö" * (N // 3),
    "digits": "1" * N,
    "digit groups": "1 000 " * (N // 6),
    "spaces": " " * N,
    "words": "och " * (N // 4),
    "cue words": "senast den " * (N // 11),
    "numbers and words": "49 anställda " * (N // 13),
    "amounts": "högst 5 miljoner kronor " * (N // 24),
    "dots": "a." * (N // 2),
    "dates": "12 maj 2025 – " * (N // 14),
    "counties": "Örebro län, " * (N // 12),
}
PARSERS = {
    "parse_deadline": lambda t: dates.parse_deadline(t, date(2025, 1, 1)),
    "find_deadline": lambda t: dates.find_deadline(t, date(2025, 1, 1)),
    "parse_period": lambda t: dates.parse_period(t, date(2025, 1, 1)),
    "find_amounts": amounts.find_amounts,
    "budget_and_max_grant": amounts.budget_and_max_grant,
    "find_shares": amounts.find_shares,
    "parse_eligibility": eligibility.parse_eligibility,
    "find_regions": regions.find_regions,
}

if __name__ == "__main__":
    worst = 0.0
    for pname, parse in PARSERS.items():
        for iname, text in INPUTS.items():
            t0 = time.perf_counter()
            parse(text)
            dt = time.perf_counter() - t0
            worst = max(worst, dt)
            if dt > 0.05:
                print(f"{pname:22} {iname:20} {dt:7.3f} s")
    print(f"worst case over {len(PARSERS)} parsers × {len(INPUTS)} inputs of {N} characters: {worst:.3f} s")
