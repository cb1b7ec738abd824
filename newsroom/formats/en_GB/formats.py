"""Dates as the desk shows them: one format across the admin, with the time zone named,
because staff in another zone must not misread a publish time ("3 Dec 2026, 18:44 GMT").
Public pages use their own explicit format ("12 February 2021 - 21:57")."""

DATETIME_FORMAT = "j M Y, H:i T"
DATE_FORMAT = "j M Y"
