"""The stress and soak workload (stress/README.md): Java and Python workers on every jthreading
primitive and both kinds of shared queue, threads starting and ending in both languages, and
invariants checked all along. Runs inside the launcher's JVM with stress/target/classes on
CLASSPATH; soak.py is the command, tests-python/test_stress_short.py its short run."""
