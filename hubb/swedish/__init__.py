"""Swedish (and English) language handling in one place: parsing of dates, amounts,
regions and eligibility from Swedish text, and formatting for the people who read it."""
