# The ticket page: a merged ticket and images in mail.
desk-merged-write-there = Replies and notes for this ticket are written in ticket
desk-images-blocked = Image from { $host } blocked.
desk-images-missing = The embedded image is not among the message's files.
desk-images-note = Images from remote servers are blocked: they would tell the sender when and where the message was opened.
desk-images-show = Show this message's remote images
desk-images-hide = Hide remote images
desk-history-field-sla-stopped = SLA clocks stopped by the merge
