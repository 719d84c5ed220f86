#!/usr/bin/env python3
"""An independent Data Integrity verifier for Emblem's interop tests: pyld canonicalizes
(RDF Dataset Canonicalization, URDNA2015), Python's json module serializes for JCS, and
`cryptography` checks the Ed25519 signature. It shares no code with Emblem.

Input (stdin, JSON): {"credential": {...}, "documents": {"<url>": <document>, ...}}
  documents: DID documents and verification methods by URL; JSON-LD contexts come from
  --contexts DIR (an index.json mapping context URLs to files, as ../shared/interop/contexts has).
Output (stdout, JSON): {"verified": bool, "proofs": [{"cryptosuite", "verified", "error"?}], "error"?}
Exit status: 0 verified, 1 not verified, 2 bad usage or input.

eddsa-rdfc-2022 (VC Data Integrity EdDSA Cryptosuites v1.0, section 3.3): hash = SHA-256(RDFC(proof
options with the document's @context)) || SHA-256(RDFC(document without proof)).
eddsa-jcs-2022 (section 3.4): the same with RFC 8785 JCS instead of RDFC.
"""
import argparse
import copy
import hashlib
import json
import os
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
ED25519_PUB_PREFIX = b'\xed\x01'


def b58decode(text):
    number = 0
    for char in text:
        number = number * 58 + B58.index(char)
    raw = number.to_bytes((number.bit_length() + 7) // 8, 'big') if number else b''
    return b'\x00' * (len(text) - len(text.lstrip('1'))) + raw


def multibase_decode(value):
    if not value.startswith('z'):
        raise ValueError('only base58btc multibase (z...) is supported')
    return b58decode(value[1:])


def jcs(value):
    """RFC 8785 for the JSON Emblem emits (strings, integers, booleans, objects, arrays)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(',', ':')).encode('utf-8')


def make_loader(contexts_dir, documents):
    with open(os.path.join(contexts_dir, 'index.json'), encoding='utf-8') as f:
        index = json.load(f)['contexts']

    def load(url, options=None):
        if url in documents:
            document = documents[url]
        elif url in index:
            with open(os.path.join(contexts_dir, index[url]), encoding='utf-8') as f:
                document = json.load(f)
        else:
            raise jsonld.JsonLdError('Document not supplied (this verifier never fetches)', 'jsonld.LoadDocumentError',
                                     {'url': url}, code='loading document failed')
        return {'contentType': 'application/ld+json', 'contextUrl': None, 'documentUrl': url, 'document': document}

    return load


def canonize(document, loader):
    return jsonld.normalize(document, {'algorithm': 'URDNA2015', 'format': 'application/n-quads', 'documentLoader': loader}).encode('utf-8')


def public_key_of(method_id, documents):
    """The Ed25519 public key of a verification method: by its own URL, or inside its controller's DID document."""
    method = documents.get(method_id)
    if method is None:
        controller = documents.get(method_id.split('#')[0]) or {}
        for candidate in controller.get('verificationMethod', []):
            candidate_id = candidate.get('id', '')
            if candidate_id == method_id or (candidate_id.startswith('#') and controller.get('id', '') + candidate_id == method_id):
                method = candidate
        assertion = [m if isinstance(m, str) else m.get('id') for m in controller.get('assertionMethod', [])]
        if method is not None and method_id not in assertion and '#' + method_id.split('#')[-1] not in assertion:
            raise ValueError('verification method %s is not an assertionMethod of its controller' % method_id)
    if method is None:
        raise ValueError('verification method %s not found' % method_id)
    raw = multibase_decode(method['publicKeyMultibase'])
    if raw[:2] != ED25519_PUB_PREFIX or len(raw) != 34:
        raise ValueError('not an Ed25519 Multikey')
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def verify_proof(unsecured, proof, documents, loader):
    suite = proof.get('cryptosuite')
    if proof.get('type') != 'DataIntegrityProof' or suite not in ('eddsa-rdfc-2022', 'eddsa-jcs-2022'):
        return {'cryptosuite': suite, 'verified': False, 'error': 'unsupported proof %s %s' % (proof.get('type'), suite)}
    options = {k: v for k, v in proof.items() if k != 'proofValue'}
    try:
        if suite == 'eddsa-rdfc-2022':
            options['@context'] = unsecured['@context']
            hash_data = hashlib.sha256(canonize(options, loader)).digest() + hashlib.sha256(canonize(unsecured, loader)).digest()
        else:
            if '@context' in proof and proof['@context'] != unsecured['@context']:
                return {'cryptosuite': suite, 'verified': False, 'error': 'proof @context differs from the document'}
            options['@context'] = unsecured['@context']
            hash_data = hashlib.sha256(jcs(options)).digest() + hashlib.sha256(jcs(unsecured)).digest()
        key = public_key_of(proof['verificationMethod'], documents)
        key.verify(multibase_decode(proof['proofValue']), hash_data)
        return {'cryptosuite': suite, 'verified': True}
    except InvalidSignature:
        return {'cryptosuite': suite, 'verified': False, 'error': 'invalid signature'}
    except Exception as err:  # a verifier reports, it does not crash
        return {'cryptosuite': suite, 'verified': False, 'error': '%s: %s' % (type(err).__name__, err)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--contexts', required=True, help='directory with index.json and the JSON-LD contexts')
    args = parser.parse_args()
    try:
        given = json.load(sys.stdin)
        credential = given['credential']
        documents = given.get('documents', {})
    except (ValueError, KeyError, TypeError) as err:
        print(json.dumps({'verified': False, 'error': 'bad input: %s' % err}))
        return 2
    proofs = credential.get('proof') if isinstance(credential, dict) else None
    if proofs is None:
        print(json.dumps({'verified': False, 'error': 'no proof'}))
        return 1
    proofs = proofs if isinstance(proofs, list) else [proofs]
    unsecured = {k: copy.deepcopy(v) for k, v in credential.items() if k != 'proof'}
    loader = make_loader(args.contexts, documents)
    results = [verify_proof(unsecured, proof, documents, loader) for proof in proofs]
    verified = len(results) > 0 and all(r['verified'] for r in results)
    print(json.dumps({'verified': verified, 'proofs': results}))
    return 0 if verified else 1


if __name__ == '__main__':
    sys.exit(main())
