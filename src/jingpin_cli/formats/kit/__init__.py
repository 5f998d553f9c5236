"""What several result kinds' formats share: safe spreadsheet cells, display width of CJK text,
terminal box tables."""
