/** adapters/node: Node-only transports (TCP and WebSocket dials and listeners). */
export { ArrivalQueue, queuedByteStream } from './arrival-queue.js';
export { socketByteStream } from './socket-byte-stream.js';
export { nodeTcpDial } from './tcp-dial.js';
export { listenTcp, type ConnectionInfo, type ListenOptions, type Listener } from './tcp-listener.js';
export { listenWebSocket, type WebSocketListenOptions } from './web-socket-listener.js';
export { nodeWebSocketDial } from './web-socket-dial.js';
export {
  telegramWebSocketUrl,
  webSocketByteStream,
  type WebSocketDialOptions,
  type WebSocketLike,
} from '../browser/index.js';
export {
  startSimulatorHost,
  type SimulatorHost,
  type SimulatorHostConfig,
  type SimulatorHostOptions,
} from './simulator-host.js';
export { listenControlApi } from './control-server.js';
export { systemClock } from '../clock/index.js';
