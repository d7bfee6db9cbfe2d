#!/bin/sh
# Writes the broker's configuration from the environment, formats the storage on first start and runs the broker in
# the foreground, as the container's main process (it gets the stop signal).
set -eu
DATA=/var/lib/kafka
CP='/opt/kafka/libs/*'
sed -e "s|@KAFKA_PORT@|${KAFKA_PORT}|g" -e "s|@KAFKA_CONTROLLER_PORT@|${KAFKA_CONTROLLER_PORT}|g" \
  -e "s|@LISTEN_HOST@||g" -e "s|@ADVERTISED_HOST@|${KAFKA_ADVERTISED_HOST}|g" -e "s|@LOG_DIRS@|${DATA}/data|g" \
  /opt/kafka/server.properties.in > "$DATA/server.properties"
if [ ! -f "$DATA/data/meta.properties" ]; then
  java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid | tail -n 1)" \
    -c "$DATA/server.properties"
fi
exec java -Xmx"${KAFKA_HEAP}" -XX:TieredStopAtLevel=1 -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn kafka.Kafka "$DATA/server.properties"
