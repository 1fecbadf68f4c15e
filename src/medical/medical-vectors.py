#!/usr/bin/env python3
# Independent known-answer vectors for src/medical/crypto.ts (社会保障卡规范 part 4 §8.2.4, §8.4; part 7
# §11–12, §15; part 9 §7.1.1, §7.2.1, §7.3), computed with the `cryptography` package (OpenSSL), not with
# sscc's code. Run: python3 src/medical/medical-vectors.py
import warnings
warnings.filterwarnings('ignore')
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
try:
    from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
except ImportError:
    TripleDES = algorithms.TripleDES

def ecb(alg, key, data):
    c = Cipher(TripleDES(key) if alg == '3DES' else algorithms.SM4(key), modes.ECB()).encryptor()
    return c.update(data) + c.finalize()

def block(alg): return 8 if alg == '3DES' else 16

def diversify(alg, key, f):
    nf = bytes(b ^ 0xff for b in f)
    return ecb(alg, key, f) + ecb(alg, key, nf) if alg == '3DES' else ecb(alg, key, f + nf)

def session(alg, key, inp):
    n = block(alg)
    return ecb(alg, key, (inp + bytes(n))[:n])

def mac(alg, ks, data):
    n = block(alg)
    d = data + b'\x80'
    d += bytes((-len(d)) % n)
    iv = bytes(n)
    for i in range(0, len(d), n):
        iv = ecb(alg, ks, bytes(a ^ b for a, b in zip(iv, d[i:i + n])))
    if alg == '3DES':
        return iv[:4]
    return bytes(iv[i] ^ iv[4 + i] ^ iv[8 + i] ^ iv[12 + i] for i in range(4))

def tackey(alg, dtk):
    return bytes(a ^ b for a, b in zip(dtk[:8], dtk[8:])) if alg == '3DES' else dtk

city = b'110100'
factors = [city[:2] + bytes.fromhex('303030307368'), city + bytes.fromhex('7378'), bytes.fromhex('00992611010099261122000001')[5:13]]
roots = {'DPK': 'D3D3D3D3D3D3D3D3E4E4E4E4E4E4E4E4', 'DLK': 'D1D1D1D1D1D1D1D1E2E2E2E2E2E2E2E2', 'DTK': 'D7D7D7D7D7D7D7D7E8E8E8E8E8E8E8E8'}
random = bytes.fromhex('11223344')
terminal = bytes.fromhex('110100000001')
time = bytes.fromhex('20261201103000')
tseq = bytes.fromhex('00000007')
amounts = (1234).to_bytes(4, 'big') + (500).to_bytes(4, 'big') + (2000).to_bytes(4, 'big')
for alg in ('3DES', 'SM4'):
    k = {}
    for name, root in roots.items():
        key = bytes.fromhex(root)
        for f in factors:
            key = diversify(alg, key, f)
        k[name] = key
    sespk = session(alg, k['DPK'], random + (5).to_bytes(2, 'big') + tseq[2:])
    seslk = session(alg, k['DLK'], random + (9).to_bytes(2, 'big') + b'\x80\x00')
    print(alg, 'DPK', k['DPK'].hex().upper())
    print(alg, 'SESPK', sespk.hex().upper())
    print(alg, 'MAC1', mac(alg, sespk, amounts + b'\x32' + terminal + time).hex().upper())
    print(alg, 'MAC2', mac(alg, sespk, amounts).hex().upper())
    print(alg, 'TAC', mac(alg, tackey(alg, k['DTK']), amounts + b'\x32' + terminal + tseq + time).hex().upper())
    print(alg, 'SESLK', seslk.hex().upper())
    bal, amt = 100000, 3000
    print(alg, 'LOAD-MAC1', mac(alg, seslk, bal.to_bytes(4, 'big') + amt.to_bytes(4, 'big') + b'\x31' + terminal).hex().upper())
    print(alg, 'LOAD-MAC2', mac(alg, seslk, amt.to_bytes(4, 'big') + b'\x31' + terminal + time).hex().upper())
    print(alg, 'LOAD-TAC', mac(alg, tackey(alg, k['DTK']), (bal + amt).to_bytes(4, 'big') + (9).to_bytes(2, 'big') + amt.to_bytes(4, 'big') + b'\x31' + terminal + time).hex().upper())
