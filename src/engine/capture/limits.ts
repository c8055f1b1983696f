/**
 * Every limit of the capture reader in one place. A capture is untrusted input: any length in
 * it may be hostile, so nothing is allocated from a header's say-so beyond these bounds.
 */

/**
 * The most bytes of one packet the reader accepts, whatever the file's snaplen says: libpcap's
 * MAXIMUM_SNAPLEN (tcpdump -s 0 writes this). Like libpcap, a record longer than the header's
 * snaplen but within this bound is read as it is (writers set snaplen inconsistently); a record
 * longer than this bound is refused as a broken file.
 */
export const MAX_PACKET_BYTES = 262_144;

/** The largest pcapng block the reader holds in memory: a maximal packet plus room for options. */
export const MAX_BLOCK_BYTES = MAX_PACKET_BYTES + 65_536;

/**
 * The largest pcapng block the reader skips (name resolution, statistics, custom, ...). Skipped
 * blocks are discarded as they stream past, never held, so this bound only catches a corrupt
 * length early instead of swallowing the rest of the file.
 */
export const MAX_SKIPPED_BLOCK_BYTES = 64 * 1024 * 1024;

/** Interfaces described in the whole file (all pcapng sections together). */
export const MAX_INTERFACES = 1024;

/** 802.1Q / 802.1ad tags in front of one packet: a customer and a service tag (QinQ). */
export const MAX_VLAN_TAGS = 2;

/** IPv6 extension headers walked before the transport header. */
export const MAX_IPV6_EXTENSION_HEADERS = 8;

/**
 * Distinct names in a summary's skip and block counters; past it, the rest count as "other".
 * Names such as `ethertype-0x88cc` or `unknown-linktype-147` come from the file, so their number
 * must be bounded too.
 */
export const MAX_COUNTER_NAMES = 64;

/** Characters of an interface name (pcapng if_name) kept for the summary. */
export const MAX_INTERFACE_NAME_CHARS = 64;
