"""Citizens' voice: consultation on drafts, Q&A with statutory deadlines, contact, feedback."""
