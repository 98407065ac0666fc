# The expected value of FrechetDistanceTest.smallCaseMatchesNumpy, computed with numpy alone
# (python3 frechet_reference.py). Two routes to Tr((S1 S2)^(1/2)) that share nothing with the Java
# code: the eigenvalues of the non-symmetric product S1 S2 (numpy.linalg.eigvals, LAPACK geev),
# and a symmetric square root by eigh. They must agree; the first is printed.
import numpy as np

x1 = np.array([[1.0, 2.0, 0.5],
               [0.3, -1.0, 2.0],
               [2.5, 0.0, 1.0],
               [-0.7, 1.5, -0.2],
               [1.2, 0.8, 0.9],
               [0.0, -0.4, 1.7]])
x2 = np.array([[0.5, 1.0, -1.0],
               [1.5, 2.5, 0.0],
               [-1.0, 0.2, 0.4],
               [0.9, -0.6, 1.1],
               [2.2, 1.4, -0.3],
               [0.1, 0.0, 0.6],
               [1.0, 3.0, 2.0]])

mu1, mu2 = x1.mean(axis=0), x2.mean(axis=0)
s1, s2 = np.cov(x1, rowvar=False), np.cov(x2, rowvar=False)  # unbiased, n - 1

lam = np.linalg.eigvals(s1 @ s2)
assert np.max(np.abs(lam.imag)) < 1e-12
tr_root = np.sum(np.sqrt(np.clip(lam.real, 0, None)))

w, v = np.linalg.eigh(s1)
root1 = v @ np.diag(np.sqrt(np.clip(w, 0, None))) @ v.T
tr_root_sym = np.sum(np.sqrt(np.clip(np.linalg.eigvalsh(root1 @ s2 @ root1), 0, None)))
assert abs(tr_root - tr_root_sym) < 1e-12

d2 = np.sum((mu1 - mu2) ** 2) + np.trace(s1) + np.trace(s2) - 2 * tr_root
print(repr(float(d2)))
