"""The Java side of the workload (stress/src/main/java/io/jthreading/stress), and Java's own
classes the workload uses."""

from jthreading._embedding import java_class

Checks = java_class("io.jthreading.stress.Checks")
Operations = java_class("io.jthreading.stress.Operations")
GuardedCounter = java_class("io.jthreading.stress.GuardedCounter")
TokenBuffer = java_class("io.jthreading.stress.TokenBuffer")
Ledger = java_class("io.jthreading.stress.Ledger")
Item = java_class("io.jthreading.stress.Item")
Memory = java_class("io.jthreading.stress.Memory")
Bound = java_class("io.jthreading.stress.Bound")
LockWorkers = java_class("io.jthreading.stress.LockWorkers")
ConditionWorkers = java_class("io.jthreading.stress.ConditionWorkers")
EventWorkers = java_class("io.jthreading.stress.EventWorkers")
BarrierWorkers = java_class("io.jthreading.stress.BarrierWorkers")
TimerWorkers = java_class("io.jthreading.stress.TimerWorkers")
ChurnWorkers = java_class("io.jthreading.stress.ChurnWorkers")
QueueWorkers = java_class("io.jthreading.stress.QueueWorkers")
JavaLocal = java_class("io.jthreading.Local")
AtomicLong = java_class("java.util.concurrent.atomic.AtomicLong")
AtomicBoolean = java_class("java.util.concurrent.atomic.AtomicBoolean")

#: Seconds any wait may take before it counts as a lost wake-up.
BOUND = Bound.SECONDS
