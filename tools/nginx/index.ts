export { findExecutable } from './find-executable';
export { ipHashPeer, loopbackAddressFor } from './ip-hash';
export { NGINX_INSTALL_HINT, startNginx, type NginxProcess, type StartNginxOptions } from './nginx-process';
export {
  nginxTempDirs,
  proxyTimeoutSeconds,
  renderNginxConfig,
  type NginxConfigOptions,
} from './render-config';
