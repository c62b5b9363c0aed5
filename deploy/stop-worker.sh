#!/bin/sh
# Stop a Prefect worker by its process id: prefect 3.8 answers the first SIGTERM by
# waiting (40 s and more) for its flow runs; a second SIGTERM stops it. Flow runs still
# executing are stopped with it and are reported crashed — start the worker again to retry.
#
#   deploy/stop-worker.sh PID [GRACE_SECONDS]     (GRACE_SECONDS: default 5)
set -u
pid=${1:?usage: deploy/stop-worker.sh PID [GRACE_SECONDS], PID of the prefect worker process}
grace=${2:-5}

alive() { kill -0 "$pid" 2>/dev/null; }
wait_gone() {  # up to $1 seconds
    i=0
    while alive && [ "$i" -lt "$(( $1 * 10 ))" ]; do sleep 0.1; i=$(( i + 1 )); done
    ! alive
}

alive || { echo "no process $pid" >&2; exit 1; }
kill -TERM "$pid"
wait_gone "$grace" && { echo "worker $pid stopped"; exit 0; }
kill -TERM "$pid"
wait_gone 20 && { echo "worker $pid stopped (second SIGTERM)"; exit 0; }
kill -KILL "$pid" 2>/dev/null
wait_gone 5 && { echo "worker $pid killed (SIGKILL after two SIGTERMs)"; exit 0; }
echo "worker $pid is still running" >&2
exit 1
