export { base64ToBytes, downloadBase64 } from '../../api/fileTransfer.js';
