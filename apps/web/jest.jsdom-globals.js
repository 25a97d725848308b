// jsdom leaves out the TextEncoder/TextDecoder every browser has (@msgpack/msgpack, through libs/protocol, needs
// them); the test environment gets Node's, which implement the same WHATWG Encoding API.
const { TextDecoder, TextEncoder } = require('node:util');

Object.assign(globalThis, { TextDecoder, TextEncoder });
