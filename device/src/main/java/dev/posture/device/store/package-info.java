/**
 * The device's config store: the config file written atomically and versioned, the last good copy
 * it falls back to, and the append-only audit log of every change. See {@code device/docs/store.md}.
 */
package dev.posture.device.store;
