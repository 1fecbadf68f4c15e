/* Generated from profiles/profile.schema.json by `npm run gen:profile` (src/profile/gen-types.ts): do not edit. */

export interface ProfileData {
  /**
   * Version of the profile format: always sscc-profile/1
   */
  schema: 'sscc-profile/1';
  /**
   * The product under test, as the report identifies it (ISO/IEC 17025:2017 §7.8.2.1 f)
   */
  product: {
    /**
     * What is under test: chip, cos, card (a personalised card), or terminal; decides which scenarios can apply (terminal scenarios never apply to a card and vice versa)
     */
    kind: 'chip' | 'cos' | 'card' | 'terminal';
    /**
     * Manufacturer of the product
     */
    vendor: string;
    /**
     * Model name of the product
     */
    model: string;
    /**
     * Version or build of the COS (or of the terminal software)
     */
    cosVersion?: string;
    /**
     * Serial number of the product; for several samples use samples
     */
    serial?: string;
    /**
     * ATR the card must answer, hex (spaces allowed); the run stops when the card answers another
     */
    expectedAtr?: string;
    /**
     * ATR the card answers to a warm reset when it differs from the cold reset's (ISO/IEC 7816-3 §6.2.3), hex; without it the warm ATR must be the cold one
     */
    expectedWarmAtr?: string;
    /**
     * Free text about the product, shown in the report
     */
    notes?: string;
  };
  /**
   * Implementation conformance statement (ICS): what the product claims; each item makes the scenarios that need it applicable, the others NOT APPLICABLE with the item named
   */
  ics: {
    /**
     * 社会保障卡规范 version the card implements; absent for a card that claims none (a bare ISO/IEC 7816-4 card: the social security scenarios are NOT APPLICABLE and the pre-flight does not look for the SSSE)
     */
    sscardVersion?: '1.0' | '2.0' | '3.0';
    /**
     * Transmission protocols of the card (ISO/IEC 7816-3): T=0, T=1 or both; drives @ics:t0 and @ics:t1
     *
     * @minItems 1
     */
    protocols: ('T=0' | 'T=1')[];
    /**
     * Algorithms the card implements: 3DES and SM4 (symmetric), RSA and SM2 (public key); drives @ics:3des, @ics:sm4, @ics:rsa, @ics:sm2; each needs its keys in keys
     *
     * @minItems 1
     */
    algorithms: ('3DES' | 'SM4' | 'RSA' | 'SM2')[];
    /**
     * Offline data authentication methods of the debit application (JR/T 0025.7): SDA, DDA, CDA; needs RSA or SM2 and the CA key of that type in keys.pboc
     */
    oda?: ('SDA' | 'DDA' | 'CDA')[];
    /**
     * The debit application has electronic cash (EC, JR/T 0025.13); drives @ics:ec
     */
    electronicCash?: boolean;
    /**
     * The card has a contactless interface (qPBOC, JR/T 0025.12); drives @ics:contactless
     */
    contactless?: boolean;
    /**
     * The COS supports logical channels (MANAGE CHANNEL, ISO/IEC 7816-4 §7.1.2); drives @ics:logical-channels
     */
    logicalChannels?: boolean;
    /**
     * PBOC version of the financial application (JR/T 0025-2013: 2.0 or 3.0), or none for a card without one; drives @ics:pboc
     */
    pboc?: 'none' | '2.0' | '3.0';
    /**
     * Algorithm sets of the debit application (JR/T 0025.17 §10.2): single (one set, the default) or dual (RSA/SHA-1/3DES and SM2/SM3/SM4, chosen at GET PROCESSING OPTIONS by DF69, §10.3.3 b); dual needs 3DES, SM4, RSA and SM2 in ics.algorithms
     */
    pbocAlgorithmSets?: 'single' | 'dual';
    /**
     * Card-management commands the COS offers to the harness (EXTERNAL AUTHENTICATE with master keys, CREATE FILE 80 E0, WRITE KEY 84 D4 as docs/dual-app.md codes them); 'none' makes the master-key scenarios NOT APPLICABLE
     */
    cardManagement?: 'none' | 'card-sim';
    /**
     * Medical insurance processing of DF04 (社会保障卡规范 part 6 §6.6, docs/medical.md): offline (脱网: the COS-internal amount file, EF08 and the proprietary commands of part 5 §7), online (联网), or none; the features/medical scenarios need offline
     */
    medical?: 'none' | 'online' | 'offline';
  };
  /**
   * Test keys and PIN of the sample; masked in every output unless testKeys is true
   */
  keys?: {
    /**
     * true when every key and PIN here is published test data and may be shown in reports
     */
    testKeys?: boolean;
    /**
     * The social security PIN of the card under test: 4 to 12 digits, quoted in YAML ("123456")
     */
    pin?: string;
    /**
     * Root keys (16 bytes hex) of the medical keys of DF04 (DSK, DLK, DPK, DTK; part 6 table 3, part 5 §7.7) that the simulated PSAM and medical-insurance host hold; the card keys are diversified from them through three levels (part 9 §7.3). Default: the project's test roots (src/medical/keys.ts)
     */
    medicalRoots?: {
      /**
       * Root key of that medical key, 16 bytes hex
       *
       * This interface was referenced by `undefined`'s JSON-Schema definition
       * via the `patternProperty` "^(DSK|DLK|DPK|DTK)$".
       */
      [k: string]: string;
    };
    /**
     * Root keys (16 bytes hex) of the SSSE keys the simulated PSAM holds; the card keys are diversified from them through three levels (社会保障卡规范 part 9 §7.3). Default: the project's test roots (src/sscard/keys.ts)
     */
    sscardRoots?: {
      /**
       * Root key of that SSSE key, 16 bytes hex
       *
       * This interface was referenced by `undefined`'s JSON-Schema definition
       * via the `patternProperty` "^(UK|PUK|IRK|STK|RK|BK|UK1)$".
       */
      [k: string]: string;
    };
    /**
     * How the product builds the level-2 (city) diversification factor of its SSSE keys. part9 (default): ASCII of the 6-digit city code ‖ 73 78 (社会保障卡规范 part 9 §7.3.2). reader-33: for city codes starting 33, ASCII of the first 4 digits ‖ 30 30 73 78 (the Sichuan reader-terminal spec V2.0 (SCR, spec-notes sc_reader.txt) §10.3); other codes as part9. The two differ only for a 33… code not ending in 00
     */
    sscardLevel2Factor?: 'part9' | 'reader-33';
    /**
     * Master keys (16 bytes hex) of the card (MF), the SSSE and the PSE, and the COS transport key (社会保障卡规范 part 4 §5.2–5.4, part 10 §5.2). Default: the project's test values (src/personalisation/keys.ts)
     */
    masterKeys?: {
      /**
       * That master key, 16 bytes hex
       *
       * This interface was referenced by `undefined`'s JSON-Schema definition
       * via the `patternProperty` "^(transport|card|ssse|pse)$".
       */
      [k: string]: string;
    };
    /**
     * PBOC test keys: the issuer master keys the simulated issuer holds, and the CA public key of the ODA chain (JR/T 0025.7)
     */
    pboc?: {
      /**
       * AID of the debit application (default A000000333010101)
       */
      aid?: string;
      /**
       * Issuer master keys (JR/T 0025.7 Annex A): each 16 bytes hex, for 3DES or SM4 as ics.algorithms says
       */
      imk: {
        /**
         * Issuer master key for application cryptograms (MK-AC), 16 bytes hex
         */
        ac: string;
        /**
         * Issuer master key for secure messaging integrity (MK-SMI), 16 bytes hex
         */
        mac: string;
        /**
         * Issuer master key for secure messaging confidentiality (MK-SMC), 16 bytes hex
         */
        enc: string;
      };
      /**
       * CA public key of the card's ODA chain: RSA (modulus, exponent; JR/T 0025.7 §5) or, with algorithm SM2, the SM2 point publicKey (JR/T 0025.17 §5)
       */
      ca: {
        /**
         * CA public key index (tag 8F), 1 byte hex
         */
        index: string;
        /**
         * Public key algorithm of the CA key: RSA (default) or SM2
         */
        algorithm?: 'RSA' | 'SM2';
        /**
         * SM2 CA public key x ‖ y: 64 bytes hex, without the 04 point prefix (algorithm SM2 only)
         */
        publicKey?: string;
        /**
         * RSA CA public key modulus, hex
         */
        modulus?: string;
        /**
         * RSA CA public key exponent, hex (03 or 010001)
         */
        exponent?: string;
      };
      /**
       * Where JR/T 0025 parts disagree for SM4 (docs/pboc.md): default part 17
       */
      sm4Variant?: {
        /**
         * Input of the SM4 card key derivation: part17 (default) or part5
         */
        udkInput?: 'part17' | 'part5';
        /**
         * How the 16-byte SM4 AC is cut to 8 bytes: part17 (default) or part7
         */
        acFold?: 'part17' | 'part7';
      };
      /**
       * More CA public keys of the card's ODA chains, of the same shape as ca: a dual-algorithm card has an RSA and an SM2 chain; the one whose index matches the card's 8F is used
       *
       * Items: CA public key of the card's ODA chain: RSA (modulus, exponent; JR/T 0025.7 §5) or, with algorithm SM2, the SM2 point publicKey (JR/T 0025.17 §5)
       */
      caKeys?: {
        /**
         * CA public key index (tag 8F), 1 byte hex
         */
        index: string;
        /**
         * Public key algorithm of the CA key: RSA (default) or SM2
         */
        algorithm?: 'RSA' | 'SM2';
        /**
         * SM2 CA public key x ‖ y: 64 bytes hex, without the 04 point prefix (algorithm SM2 only)
         */
        publicKey?: string;
        /**
         * RSA CA public key modulus, hex
         */
        modulus?: string;
        /**
         * RSA CA public key exponent, hex
         */
        exponent?: string;
      }[];
    };
  };
  /**
   * Files the command-layer scenarios use; defaults are the 社会保障卡 V2.0 locations
   */
  testObjects?: {
    /**
     * DF name of SSSE, text (GBK) or hex
     */
    ssse?: string;
    transparentEf?: EfRef;
    recordEf?: EfRef;
    pinProtectedEf?: EfRef;
    keyProtectedEf?: EfRef;
    /**
     * DF name of the PSE, text or hex (default 1PAY.SYS.DDF01)
     */
    pse?: string;
  };
  /**
   * How the run treats the sample
   */
  run?: {
    /**
     * Run scenarios that block a PIN or key (only on cards that can be thrown away or reset)
     */
    allowDestructive?: boolean;
    /**
     * Check the card's state, the keys and the PIN before the first scenario and stop when the card is not fit for the plan (default true); false only for a card meant to answer garbage
     */
    preflight?: boolean;
    /**
     * Seed of the run's random choices (terminal unpredictable numbers, simulator serial numbers), so that a run repeats
     */
    seed?: string;
  };
  /**
   * Where the product is: the bundled simulator (sim) or a card in a PC/SC reader (pcsc)
   */
  target:
    | {
        /**
         * sim: the bundled card simulator; pcsc: a real card in a PC/SC reader
         */
        kind: 'sim';
        /**
         * Name of the card-sim image (see sscc sim serve --help)
         */
        image: string;
        /**
         * Defects switched on in the simulated card (see sscc defects list)
         */
        defects?: string[];
        /**
         * Delay of every simulated exchange in milliseconds (slow-card and crash tests)
         */
        latencyMs?: number;
        /**
         * true: a new card from the image for every scenario; false (default): one card for the whole run that keeps its persistent state (files, counters, keys, ATC, log) across scenarios and power cycles, as a real card does
         */
        fresh?: boolean;
        /**
         * true: reach the simulated card block by block through sscc's own T=1 interface device (a TPDU-capable reader), so that the @needs:tpdu scenarios apply; the image must offer T=1
         */
        tpdu?: boolean;
        /**
         * A file that keeps the simulated card between runs, as a real sample is kept: read at the start when it exists, written at the end (relative to the working folder)
         */
        state?: string;
      }
    | {
        /**
         * sim: the bundled card simulator; pcsc: a real card in a PC/SC reader
         */
        kind: 'pcsc';
        /**
         * Reader name (or part of one) or index; a list of readers runs the scenarios in parallel, one worker per reader, a reader never shared (see `sscc readers`)
         */
        reader?: (string | number) | (string | number)[];
        /**
         * How long to wait for a card in the reader (default 60 s, 10 s when CI=true)
         */
        timeoutSeconds?: number;
        /**
         * How to cut the card's power mid-command (features/tearing, LD/T 6001.2 防拔); without it those scenarios are NOT APPLICABLE: needs a power-cut reader
         */
        tear?:
          | {
              /**
               * `sscc sim serve --tear-port N`: cut after the k-th NVM write over its control channel
               */
              kind: 'sim-serve';
              /**
               * Host of the tear control channel (default 127.0.0.1)
               */
              host?: string;
              /**
               * TCP port of the tear control channel
               */
              port: number;
            }
          | {
              /**
               * a power-cut reader or the lab's own hardware: the command is run with SSCC_TEAR_DELAY_US, the delay after the command's last byte
               */
              kind: 'command';
              /**
               * The program and its arguments that cut the power
               *
               * @minItems 1
               */
              command: string[];
            };
      };
  /**
   * The terminal under test (product.kind terminal): its kind, how sscc drives it, and its configuration
   */
  terminal?: {
    /**
     * Kind of terminal (社会保障卡总体方案): social-security, financial or integrated
     */
    type: 'social-security' | 'financial' | 'integrated';
    /**
     * How sscc makes the terminal perform an operation
     */
    driver: {
      /**
       * reference: the bundled reference terminal; command: a program sscc runs per operation; manual: an operator at the terminal
       */
      kind: 'reference' | 'command' | 'manual';
      /**
       * command driver: program and arguments; it gets the request as JSON on stdin, SSCC_CARD_SOCKET and SSCC_PSAM_SOCKET, SSCC_TERMINAL_CONFIG, and prints the outcome as JSON
       *
       * @minItems 1
       */
      command?: string[];
      /**
       * How long one operation may take, seconds; past it the program is killed and the case is INCONCLUSIVE
       */
      timeoutSeconds?: number;
      /**
       * command driver: run the program in namespaces of its own: unshare (util-linux: no network, no view of other processes) or bwrap (bubblewrap: also a read-only file system with /tmp and HOME empty, the card sockets bound in); default none (docs/security.md)
       */
      isolation?: 'none' | 'unshare' | 'bwrap';
    };
    /**
     * Terminal number (终端机编号), 12 digits
     */
    terminalNumber?: string;
    /**
     * Device number (设备编号) the terminal reports
     */
    deviceNumber?: string;
    /**
     * 卡识别码 (hex) or 卡号 on the terminal's blacklist (社会保障卡规范 part 8 §7)
     */
    blacklist?: string[];
    /**
     * The date the terminal believes it is (YYYYMMDD), so that expiry checks repeat
     */
    today?: string;
    /**
     * Financial side of a financial or integrated terminal (JR/T 0025.6 terminal parameters); defaults in src/terminal/settings.ts
     */
    pboc?: {
      /**
       * AIDs the terminal supports, matched as prefixes (default A000000333)
       */
      aids?: string[];
      /**
       * Terminal floor limit (9F1B), in fen (分) (default 50000)
       */
      floorLimit?: number;
      /**
       * Random transaction selection (EMV Book 3 §10.6.2); default off
       */
      randomSelection?: {
        /**
         * Threshold value for biased random selection, in fen (分)
         */
        threshold?: number;
        /**
         * Target percentage for random selection (0–99)
         */
        targetPercent?: number;
        /**
         * Maximum target percentage for biased random selection (0–99)
         */
        maxTargetPercent?: number;
      };
      /**
       * Terminal action codes (default the UnionPay POS values)
       */
      tac?: {
        /**
         * TAC-Denial, 5 bytes hex
         */
        denial?: string;
        /**
         * TAC-Online, 5 bytes hex
         */
        online?: string;
        /**
         * TAC-Default, 5 bytes hex
         */
        default?: string;
      };
      /**
       * The terminal can go online to the issuer (default true)
       */
      onlineCapable?: boolean;
      /**
       * The terminal lets the cardholder confirm the application choice (default true)
       */
      cardholderConfirmation?: boolean;
      /**
       * The terminal has a PIN pad (offline and online PIN CVMs; default true)
       */
      pinPad?: boolean;
      /**
       * The terminal supports the signature CVM (default true)
       */
      signature?: boolean;
      /**
       * The terminal supports electronic cash (default true)
       */
      ecSupport?: boolean;
      /**
       * Terminal country code 9F1A (n3 as 4 digits, e.g. 0156 China), used in the application usage control check (JR/T 0025.5 §10.3.2); default 0156
       */
      country?: string;
      /**
       * PANs on the terminal exception file
       */
      exceptionFile?: string[];
      /**
       * what the simulated host does per PAN
       */
      host?: {
        /**
         * What the simulated host does for this PAN
         *
         * This interface was referenced by `undefined`'s JSON-Schema definition
         * via the `patternProperty` "^[0-9]{12,19}$".
         */
        [k: string]: {
          /**
           * The host declines (authorisation response code 05)
           */
          decline?: boolean;
          /**
           * The host answers an ARPC that does not verify (tests the terminal's handling of a failed issuer authentication)
           */
          badArpc?: boolean;
          /**
           * Issuer scripts the host sends back
           */
          scripts?: {
            /**
             * 71 before the final GENERATE AC, 72 after it
             */
            template: '71' | '72';
            /**
             * Issuer script command to send (JR/T 0025.5): PUT DATA, APPLICATION BLOCK, APPLICATION UNBLOCK, CARD BLOCK or PIN UNBLOCK
             */
            command: 'PUT DATA' | 'APPLICATION BLOCK' | 'APPLICATION UNBLOCK' | 'CARD BLOCK' | 'PIN UNBLOCK';
            /**
             * Tag of the data object PUT DATA writes, 2 bytes hex
             */
            tag?: string;
            /**
             * Value the script command writes, hex
             */
            value?: string;
          }[];
        };
      };
      /**
       * more CA public keys the terminal holds besides keys.pboc.ca (an SM2 one for PBOC 3.0 cards)
       *
       * Items: CA public key of the card's ODA chain: RSA (modulus, exponent; JR/T 0025.7 §5) or, with algorithm SM2, the SM2 point publicKey (JR/T 0025.17 §5)
       */
      caKeys?: {
        /**
         * CA public key index (tag 8F), 1 byte hex
         */
        index: string;
        /**
         * Public key algorithm of the CA key: RSA (default) or SM2
         */
        algorithm?: 'RSA' | 'SM2';
        /**
         * SM2 CA public key x ‖ y: 64 bytes hex, without the 04 point prefix (algorithm SM2 only)
         */
        publicKey?: string;
        /**
         * RSA CA public key modulus, hex
         */
        modulus?: string;
        /**
         * RSA CA public key exponent, hex
         */
        exponent?: string;
      }[];
      /**
       * the terminal performs CDA with cards that offer it (default true)
       */
      cda?: boolean;
    };
    /**
     * serve the test card and the PSAM in vpcd virtual readers (pcscd + vsmartcard-vpcd), for a terminal that reaches them through PC/SC; without it they are local sockets
     */
    readers?: {
      /**
       * PC/SC name of the card slot's reader, e.g. Virtual PCD 00 00
       */
      card: string;
      /**
       * PC/SC name of the PSAM slot's reader, e.g. Virtual PCD 00 01
       */
      psam: string;
      /**
       * vpcd port of the card reader (default 35963)
       */
      cardPort?: number;
      /**
       * vpcd port of the PSAM reader (default 35964)
       */
      psamPort?: number;
    };
  };
  /**
   * A YAML file holding the lab object (the same for every product a lab tests), relative to the profile; instead of lab
   */
  labFile?: string;
  /**
   * The testing laboratory that issues the report (ISO/IEC 17025:2017 §7.8.2.1 b): shown on the report's first page
   */
  lab?: {
    /**
     * Name of the laboratory
     */
    name: string;
    /**
     * Address of the laboratory (where the tests were done)
     */
    address: string;
    /**
     * Accreditation reference of the laboratory, e.g. CNAS L0000
     */
    accreditation?: string;
    /**
     * IANA time zone in which the report states every date and time, e.g. Asia/Shanghai
     */
    timeZone: string;
    /**
     * Who performed the tests
     */
    operator?: string;
    /**
     * Who authorises the report (ISO/IEC 17025:2017 §7.8.2.1 o); the signature of `sscc sign` is theirs
     */
    authoriser?: {
      /**
       * Full name
       */
      name: string;
      /**
       * Function in the lab, e.g. technical manager
       */
      role?: string;
    };
  };
  /**
   * The client's order the report answers (ISO/IEC 17025:2017 §7.8.2.1 d, i)
   */
  order?: {
    /**
     * The client (委托方) who ordered the tests
     */
    client: {
      /**
       * Name of the client
       */
      name: string;
      /**
       * Address of the client
       */
      address?: string;
      /**
       * Contact person of the client
       */
      contact?: string;
    };
    /**
     * The order's or contract's number
     */
    reference?: string;
    /**
     * The report's unique identification, printed on every page; default: derived from the order reference and the run's start time
     */
    reportId?: string;
    /**
     * Date the samples were received (YYYY-MM-DD, in lab.timeZone)
     */
    receivedAt?: string;
    /**
     * The method the client agreed to, when it is not the whole suite (e.g. a named subset)
     */
    method?: string;
  };
  /**
   * The samples tested, each with its identification (ISO/IEC 17025:2017 §7.8.2.1 f)
   *
   * Items: One sample (test item) as received
   */
  samples?: {
    /**
     * Serial number or the lab's sample number
     */
    serial: string;
    /**
     * ATR of this sample, hex (the ATR read during the run is reported too)
     */
    atr?: string;
    /**
     * COS build of this sample when it differs from product.cosVersion
     */
    cosBuild?: string;
    /**
     * Condition of the sample on receipt
     */
    condition?: string;
    /**
     * Date this sample was received, when not order.receivedAt (YYYY-MM-DD)
     */
    receivedAt?: string;
  }[];
}
/**
 * An elementary file: the DF that holds it, its file identifier and short file identifier
 */
export interface EfRef {
  /**
   * DF name or AID that holds the EF: text (GBK) or hex
   */
  df: string;
  /**
   * File identifier, 2 bytes hex
   */
  fid: string;
  /**
   * Short file identifier, 1 to 30
   */
  sfi?: number;
}
