"""The eligibility engine as the portal calls it: with every installed kind of criterion."""

from recruitment.screening import eligibility
from recruitment.screening.kinds import all_kinds


def evaluate(criteria, answers):
    return eligibility.evaluate(criteria, answers, all_kinds())


def evaluate_criterion(criterion, answers):
    return eligibility.evaluate_criterion(criterion, answers, all_kinds())
