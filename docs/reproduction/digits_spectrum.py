#!/usr/bin/python3
"""Eigenvalues of the pixel covariance of scikit-learn's 8x8 digits (1797 images, 64 pixels), for `fastpr --spectrum`.

Uses Debian's python3-sklearn (which ships the data set) and python3-numpy. Pixels that are constant over the data set
give zero eigenvalues (up to rounding), which no Gaussian model can use: every eigenvalue below 1e-10 of the largest is
dropped, and the file says how many. The rest are divided by their sum, so tr Q = 1 as for FastPR's default power law.

    /usr/bin/python3 docs/reproduction/digits_spectrum.py > docs/reproduction/data/digits-eigenvalues.txt
"""
import numpy as np
from sklearn.datasets import load_digits

x = load_digits().data.astype(np.float64)
covariance = np.cov(x, rowvar=False)
eigenvalues = np.sort(np.linalg.eigvalsh(covariance))[::-1]
kept = eigenvalues[eigenvalues > 1e-10 * eigenvalues[0]]
normalised = kept / kept.sum()
print(f"# Pixel-covariance eigenvalues of scikit-learn's 8x8 digits ({x.shape[0]} images, {x.shape[1]} pixels),")
print(f"# largest first, divided by their sum (tr Q = 1). {len(eigenvalues) - len(kept)} eigenvalues below 1e-10 of the")
print(f"# largest (constant pixels) are dropped, so d = {len(kept)}. Made by docs/reproduction/digits_spectrum.py.")
for value in normalised:
    print(repr(float(value)))
