"""Atopic dermatitis (特应性皮炎, atopic eczema): a condition of the portal, as a Django app."""
