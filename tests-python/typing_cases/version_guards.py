"""Names that exist only on some Python versions: markers `# E[<3.12]:` and `# E[>=3.12]:`
expect their error only when mypy checks for those versions."""

import jthreading

jthreading.setprofile_all_threads(None)  # E[<3.12]: Module has no attribute "setprofile_all_threads"  [attr-defined]
jthreading.settrace_all_threads(None)  # E[<3.12]: Module has no attribute "settrace_all_threads"  [attr-defined]
jthreading.settrace_all_threads(1)  # E[<3.12]: Module has no attribute "settrace_all_threads"  [attr-defined]  # E[>=3.12]: Argument 1 to "settrace_all_threads" has incompatible type "int"; expected "TraceFunction | None"  [arg-type]
