"""Placeholder until the per-body lexicon lands (issue 25): the shipped lexicon."""

from congthongtin.vietnam.everyday import DEFAULT


def lexicon_for(site):
    return DEFAULT
