// Reads WARC files with warcio.js (the Webrecorder project's reader, independent of jwarc) and
// prints one JSON line per record: its file, offset, type, target URI, ids, and whether its
// WARC-Block-Digest and WARC-Payload-Digest match the bytes (SHA-1, base32, recomputed here), its
// WARC-Protocol, and the HTTP status or method as warcio's own HTTP parser reads the block.
// Usage: NODE_PATH=.../node_modules node warc-check.cjs FILE.warc.gz...
"use strict";
const fs = require("node:fs");
const crypto = require("node:crypto");
const { WARCParser } = require("warcio");

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
function base32(bytes) {
  let bits = 0, value = 0, out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
const sha1 = (bytes) => "sha1:" + base32(crypto.createHash("sha1").update(bytes).digest());

// The entity body: after the header block, with chunked transfer coding removed (WARC 1.1, 6.3.2).
function payloadOf(block) {
  for (let i = 0; i + 3 < block.length; i++) {
    if (block[i] === 13 && block[i + 1] === 10 && block[i + 2] === 13 && block[i + 3] === 10) {
      const head = new TextDecoder().decode(block.subarray(0, i)).toLowerCase();
      const body = block.subarray(i + 4);
      return /\r\ntransfer-encoding:[^\r]*chunked/.test(head) ? dechunk(body) : body;
    }
  }
  return null;
}

function dechunk(body) {
  const parts = [];
  let at = 0;
  while (at < body.length) {
    const eol = body.indexOf(13, at);
    const size = parseInt(new TextDecoder().decode(body.subarray(at, eol)).split(";")[0], 16);
    if (!(size > 0)) break;
    parts.push(body.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

// What warcio's HTTP parser makes of each record's block, in record order.
async function httpHeads(file) {
  const heads = [];
  for await (const record of new WARCParser(fs.createReadStream(file), { parseHttp: true })) {
    const http = record.httpHeaders;
    heads.push(http ? { httpStatus: http.statusCode ?? null, httpMethod: http.method ?? null } : {});
    await record.readFully(false);
  }
  return heads;
}

async function main() {
for (const file of process.argv.slice(2)) {
  const heads = await httpHeads(file);
  const parser = new WARCParser(fs.createReadStream(file), { parseHttp: false });
  let index = 0;
  for await (const record of parser) {
    const h = record.warcHeaders.headers;
    const block = await record.readFully(false);
    const line = {
      file, offset: parser.offset, version: record.warcHeaders.protocol,
      type: h.get("WARC-Type"), uri: h.get("WARC-Target-URI") ?? null,
      id: h.get("WARC-Record-ID"), concurrentTo: h.get("WARC-Concurrent-To") ?? null,
      ip: h.get("WARC-IP-Address") ?? null, date: h.get("WARC-Date") ?? null,
      truncated: h.get("WARC-Truncated") ?? null,
      protocol: h.get("WARC-Protocol") ?? null,
      httpStatus: heads[index]?.httpStatus ?? null, httpMethod: heads[index]?.httpMethod ?? null,
      blockDigestOk: h.get("WARC-Block-Digest") ? h.get("WARC-Block-Digest") === sha1(block) : null,
      payloadDigestOk: null,
      firstLine: new TextDecoder().decode(block.subarray(0, Math.max(0, block.indexOf(13)))),
    };
    const payloadDigest = h.get("WARC-Payload-Digest");
    if (payloadDigest) {
      const payload = payloadOf(block);
      line.payloadDigestOk = payload !== null && payloadDigest === sha1(payload);
      line.payloadLength = payload === null ? null : payload.length;
    }
    index++;
    console.log(JSON.stringify(line));
  }
}
}

main().catch((e) => { console.error(String(e)); process.exit(1); });
