#!/bin/sh
# Writes the broker's configuration from the environment, formats the storage on first start and runs the broker in
# the foreground, as the container's main process (it gets the stop signal).
set -eu
DATA=/var/lib/kafka
CP='/opt/kafka/libs/*'
cat > "$DATA/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@localhost:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://:${KAFKA_PORT},CONTROLLER://localhost:${KAFKA_CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_ADVERTISED_HOST}:${KAFKA_PORT}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${DATA}/data
num.partitions=3
default.replication.factor=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
if [ ! -f "$DATA/data/meta.properties" ]; then
  java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid | tail -n 1)" \
    -c "$DATA/server.properties"
fi
exec java -Xmx"${KAFKA_HEAP}" -XX:TieredStopAtLevel=1 -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=info \
  -Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn kafka.Kafka "$DATA/server.properties"
