#!/bin/sh
# nginx in the foreground of the container, and logrotate once an hour for the statistics
# log (docker/nginx-logrotate.conf; its `daily` rotates once a day). The container stops when
# nginx does; `docker compose stop` ends nginx gracefully.
nginx -g 'daemon off;' &
pid=$!
trap 'kill -QUIT "$pid"' TERM INT
while kill -0 "$pid" 2>/dev/null; do
    sleep 3600 &
    wait $!
    kill -0 "$pid" 2>/dev/null && logrotate /etc/logrotate.d/portal-stats
done
wait "$pid"
