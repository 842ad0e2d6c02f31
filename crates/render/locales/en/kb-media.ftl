## The knowledge base's files, votes, plan picker and the ticket page's article search. Every key
## exists in sk, cs, pl and en.

web-kb-vote-change = Change your answer: did this guide help?
desk-kb-files = Images and files
desk-kb-files-hint = One file at a time, up to { $size }. To show an image in the text, paste its Markdown line into the text of any language.
desk-kb-file-field = File
desk-kb-file-upload = Upload
desk-kb-file-none = The article has no files yet.
desk-kb-file-col-name = File
desk-kb-file-col-size = Size
desk-kb-file-col-markdown = Markdown to paste
desk-kb-file-remove = Remove
desk-kb-file-missing = Choose a file to upload.
desk-kb-file-too-large = The file is larger than { $size }. Make it smaller and upload it again.
desk-kb-file-bad-type = The file's type was not recognized. Upload an image (PNG, JPEG, GIF, WebP) or a document.
desk-kb-file-bad-name = The file name must be 1–255 characters long, without / or \.
desk-kb-file-too-many = The article already holds { $count } files. Remove one first.
desk-kb-plans-label = Support plans (for "customers of given plans")
desk-kb-plans-none = The catalogue has no support plans yet.
desk-kb-plans-needed = An article for customers of given plans needs at least one plan ticked.
desk-kb-plans-bad = Tick plans from the list; "{ $value }" is not one of them.
desk-kb-inline-title = Knowledge base
desk-kb-inline-hint = Articles in the customer's language ({ $language }).
desk-kb-inline-more = All of it on the knowledge-base page
